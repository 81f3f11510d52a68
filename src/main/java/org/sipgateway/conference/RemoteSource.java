package org.sipgateway.conference;

/**
 * A conference participant's audio stream as the focus announces it (XEP-0339 source with Jitsi's ssrc-info):
 * {@code ssrc}, the source name ({@code <endpoint>-a0}), the owner ({@code room@conference/<endpoint>}, or
 * {@code jvb} for the bridge's own source).
 */
public record RemoteSource(long ssrc, String name, String owner) { }
