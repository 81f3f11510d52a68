package org.sipgateway.callcontrol;

import java.util.Locale;

/**
 * What call control answers to a Rayo request, before it is written as an IQ on one path or the other: a
 * {@code <ref>} to the call (the gateway's occupant JID in the room), an empty result, or an error condition
 * (RFC 6120 section 8.3.3) with a text a person can read.
 */
public record RayoAnswer(String refUri, Condition condition, String text) {
    /** The error conditions call control uses; names as in RFC 6120 with '-' written '_'. */
    public enum Condition {
        BAD_REQUEST, FORBIDDEN, NOT_AUTHORIZED, ITEM_NOT_FOUND, SERVICE_UNAVAILABLE, RESOURCE_CONSTRAINT,
        FEATURE_NOT_IMPLEMENTED, INTERNAL_SERVER_ERROR;

        /** The condition as Tinder and Smack name their enum constants ({@code bad_request}). */
        public String constantName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The dial's result: {@code <ref uri="xmpp:room@conference/nick"/>}. */
    public static RayoAnswer ref(String occupantJid) {
        return new RayoAnswer("xmpp:" + occupantJid, null, null);
    }

    /** An empty result (a hangup that was taken). */
    public static RayoAnswer done() {
        return new RayoAnswer(null, null, null);
    }

    public static RayoAnswer error(Condition condition, String text) {
        return new RayoAnswer(null, condition, text);
    }

    public boolean isError() {
        return condition != null;
    }
}
