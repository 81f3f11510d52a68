package org.sipgateway.media.transport;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/** Accepts the peer's certificate only if its sha-256 fingerprint is the one signalled (RFC 5763 section 5). */
final class DtlsPeerVerifier {
    private DtlsPeerVerifier() { }

    static void verify(Certificate peer, String expectedFingerprint) throws IOException {
        if (peer == null || peer.isEmpty())
            throw new TlsFatalAlert(AlertDescription.certificate_required);
        String actual = DtlsIdentity.sha256Fingerprint(peer.getCertificateAt(0).getEncoded());
        if (!actual.equalsIgnoreCase(expectedFingerprint.trim()))
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer fingerprint " + actual
                + " does not match the signalled " + expectedFingerprint);
    }
}
