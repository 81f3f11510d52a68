package org.sipgateway.testkit.jitsi;

/** One audio source the focus announces: SSRC, Jitsi source name ({@code <endpoint>-a0}) and owner (endpoint or {@code jvb}). */
public record BridgeSource(long ssrc, String name, String owner) {
    /** The bridge's own audio source, which Jicofo always lists. */
    public static BridgeSource jvb(long ssrc) {
        return new BridgeSource(ssrc, "jvb-a0", "jvb");
    }

    /** A conference participant's audio: name {@code <endpoint>-a0}, owner {@code room/<endpoint>}. */
    public static BridgeSource speaker(String roomJid, String endpoint, long ssrc) {
        return new BridgeSource(ssrc, endpoint + "-a0", roomJid + "/" + endpoint);
    }
}
