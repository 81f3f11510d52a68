package org.sipgateway.media.transport;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/** The DTLS 1.2 client side (setup:active, what the gateway is toward the bridge), offering use_srtp (RFC 5764). */
final class DtlsSrtpClient extends DefaultTlsClient {
    static final SignatureAndHashAlgorithm ECDSA_SHA256 = new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA };
    static final int[] SRTP_PROFILES = { SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80 };

    private final DtlsIdentity identity;
    private final String peerFingerprint;
    private volatile SrtpKeyingMaterial keyingMaterial;

    DtlsSrtpClient(DtlsIdentity identity, String peerFingerprint) {
        super(identity.crypto());
        this.identity = identity;
        this.peerFingerprint = peerFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.DTLSv12.only(); }

    @Override
    public int getHandshakeTimeoutMillis() { return BridgeTransport.HANDSHAKE_TIMEOUT_MILLIS; }

    @Override
    protected int[] getSupportedCipherSuites() { return CIPHER_SUITES; }

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(SRTP_PROFILES, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData srtp = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (srtp == null || srtp.getProtectionProfiles().length != 1
            || srtp.getProtectionProfiles()[0] != SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80)
            throw new IOException("DTLS server did not select SRTP_AES128_CM_HMAC_SHA1_80");
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                DtlsPeerVerifier.verify(serverCertificate.getCertificate(), peerFingerprint);
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), identity.crypto(),
                    identity.privateKey(), identity.certificate(), ECDSA_SHA256);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keyingMaterial = SrtpKeyingMaterial.exportFrom(context);
    }

    SrtpKeyingMaterial keyingMaterial() { return keyingMaterial; }
}
