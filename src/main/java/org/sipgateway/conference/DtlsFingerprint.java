package org.sipgateway.conference;

/** A DTLS certificate fingerprint with its role (XEP-0320; setup values from RFC 4145 section 4). */
public record DtlsFingerprint(String hash, String value, String setup) {
    public DtlsFingerprint {
        if (hash == null || hash.isBlank() || value == null || value.isBlank()) {
            throw new IllegalArgumentException("DTLS fingerprint needs a hash and a value");
        }
    }
}
