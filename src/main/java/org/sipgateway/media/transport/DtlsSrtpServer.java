package org.sipgateway.media.transport;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/**
 * The DTLS 1.2 server side (setup:passive), as the videobridge plays it: requires a client certificate,
 * checks it against the signalled fingerprint and selects AES_CM_128_HMAC_SHA1_80 from the client's use_srtp.
 */
final class DtlsSrtpServer extends DefaultTlsServer {
    private final DtlsIdentity identity;
    private final String peerFingerprint;
    private volatile SrtpKeyingMaterial keyingMaterial;

    DtlsSrtpServer(DtlsIdentity identity, String peerFingerprint) {
        super(identity.crypto());
        this.identity = identity;
        this.peerFingerprint = peerFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.DTLSv12.only(); }

    @Override
    public int getHandshakeTimeoutMillis() { return BridgeTransport.HANDSHAKE_TIMEOUT_MILLIS; }

    @Override
    protected int[] getSupportedCipherSuites() { return DtlsSrtpClient.CIPHER_SUITES; }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), identity.crypto(),
            identity.privateKey(), identity.certificate(), DtlsSrtpClient.ECDSA_SHA256);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        algorithms.add(DtlsSrtpClient.ECDSA_SHA256);
        return new CertificateRequest(new short[] { ClientCertificateType.ecdsa_sign }, algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        DtlsPeerVerifier.verify(clientCertificate, peerFingerprint);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        boolean supported = false;
        if (offered != null)
            for (int profile : offered.getProtectionProfiles())
                supported |= profile == SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
        if (!supported)
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "client offers no SRTP_AES128_CM_HMAC_SHA1_80");
    }

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (extensions == null)
            extensions = new Hashtable();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(DtlsSrtpClient.SRTP_PROFILES, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keyingMaterial = SrtpKeyingMaterial.exportFrom(context);
    }

    SrtpKeyingMaterial keyingMaterial() { return keyingMaterial; }
}
