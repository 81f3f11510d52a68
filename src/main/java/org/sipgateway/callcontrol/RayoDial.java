package org.sipgateway.callcontrol;

import org.dom4j.Element;

/**
 * A Rayo {@code <dial>} (urn:xmpp:rayo:1) as the gateway reads it, from either path: {@code to} the number or SIP
 * URI, {@code from} the caller id the client sent (Meet sends a placeholder), the conference room and its password
 * from the {@code JvbRoomName} and {@code JvbRoomPassword} headers, and who sent it.
 */
public record RayoDial(String to, String from, String room, String roomPassword, String requester) {
    public static final String ROOM_HEADER = "JvbRoomName";
    public static final String PASSWORD_HEADER = "JvbRoomPassword";
    /** The {@code to} Meet uses to ask for a transcriber, not a phone call (docs/JITSI-WIRE.md). */
    public static final String TRANSCRIBER = "jitsi_meet_transcribe";

    public RayoDial {
        to = trimmed(to);
        from = trimmed(from);
        room = trimmed(room);
        roomPassword = roomPassword == null ? "" : roomPassword;
        requester = trimmed(requester);
    }

    /** From the {@code <dial>} element of an IQ the component received. */
    public static RayoDial of(Element dial, String requester) {
        String room = null;
        String password = null;
        for (Element header : dial.elements("header")) {
            final String name = header.attributeValue("name");
            if (ROOM_HEADER.equalsIgnoreCase(name)) {
                room = header.attributeValue("value");
            } else if (PASSWORD_HEADER.equalsIgnoreCase(name)) {
                password = header.attributeValue("value");
            }
        }
        return new RayoDial(dial.attributeValue("to"), dial.attributeValue("from"), room, password, requester);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
