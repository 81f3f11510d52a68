package org.sipgateway.callcontrol.link;

import java.io.IOException;

/**
 * Why a link connection ended, in words an administrator can act on. {@code streamCondition} is the RFC 6120
 * section 4.9.3 condition we send back before closing, when the failure is the server's protocol error; null when
 * there is nothing to tell the server (it closed, or it sent the error itself).
 */
final class LinkFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final String streamCondition;

    LinkFailure(String reason) {
        this(reason, null);
    }

    LinkFailure(String reason, String streamCondition) {
        super(reason);
        this.streamCondition = streamCondition;
    }

    String streamCondition() {
        return streamCondition;
    }
}
