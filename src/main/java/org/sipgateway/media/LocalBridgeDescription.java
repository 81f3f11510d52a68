package org.sipgateway.media;

import org.sipgateway.media.transport.IceDescription;

/** What the gateway puts into its Jingle answer: our ICE agent and DTLS fingerprint (setup="active"). */
public record LocalBridgeDescription(IceDescription ice, String fingerprintHash, String fingerprint, String setup) { }
