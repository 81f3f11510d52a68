package org.sipgateway.conference;

/**
 * The {@code <status>} texts Meet knows for a phone participant (jitsi-meet presence-status constants):
 * see docs/JITSI-WIRE.md. A failure uses free text.
 */
public final class CallStatus {
    public static final String INITIALIZING = "Initializing Call";
    public static final String CONNECTING = "Connecting";
    public static final String RINGING = "Ringing";
    public static final String CONNECTED = "Connected";
    public static final String DISCONNECTED = "Disconnected";

    private CallStatus() {
    }
}
