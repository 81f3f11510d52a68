package org.sipgateway.sip.stack;

import javax.sip.ResponseEvent;

/** Owner of a client transaction, stored as its application data; gets its responses and timeout. */
public interface ClientTransactionHandler {

    void onResponse(ResponseEvent event);

    /** The transaction timed out (RFC 3261 section 17.1.1.2 Timer B/F) or could not be sent. */
    void onTimeout(String why);
}
