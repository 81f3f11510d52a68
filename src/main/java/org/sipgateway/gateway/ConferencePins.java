package org.sipgateway.gateway;

import java.util.Optional;

/**
 * The stable numeric PIN of each conference room, for callers who can only type digits (and for the
 * number Jitsi Meet shows in its dial-in dialog). Kept by the plugin in Openfire's database.
 */
public interface ConferencePins {
    /** The room's PIN, created (random, not sequential) on first request. */
    String pinFor(String roomJid);

    /** The room a PIN belongs to; empty for an unknown PIN (which says nothing about other PINs). */
    Optional<String> roomFor(String pin);
}
