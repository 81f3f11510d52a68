package org.sipgateway.media.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A self-signed ECDSA P-256 certificate for DTLS-SRTP and its sha-256 fingerprint (RFC 8122 section 5),
 * which goes into the Jingle/SDP answer. Peers are authenticated by fingerprint, not by a CA.
 */
public final class DtlsIdentity {
    private static final long VALIDITY_MILLIS = 30L * 24 * 3600 * 1000;
    private final BcTlsCrypto crypto;
    private final Certificate certificate;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsIdentity(BcTlsCrypto crypto, Certificate certificate, AsymmetricKeyParameter privateKey, String fingerprint) {
        this.crypto = crypto;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.fingerprint = fingerprint;
    }

    public static DtlsIdentity generate(String commonName) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();
            long now = System.currentTimeMillis();
            X500Name name = new X500Name("CN=" + commonName);
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now),
                new Date(now - 86_400_000L), new Date(now + VALIDITY_MILLIS), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            BcTlsCrypto crypto = new BcTlsCrypto(random);
            byte[] der = holder.getEncoded();
            Certificate certificate = new Certificate(new TlsCertificate[] { crypto.createCertificate(der) });
            return new DtlsIdentity(crypto, certificate, PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()),
                sha256Fingerprint(der));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the DTLS certificate: " + e.getMessage(), e);
        }
    }

    /** Upper-case hex pairs joined by ':' as in a=fingerprint (RFC 8122 section 5). */
    public static String sha256Fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            StringBuilder sb = new StringBuilder(digest.length * 3);
            for (byte b : digest) {
                if (sb.length() > 0)
                    sb.append(':');
                sb.append(String.format("%02X", b));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash function name for the fingerprint, as Jingle's {@code hash} attribute wants it. */
    public String fingerprintHash() { return "sha-256"; }

    public String fingerprint() { return fingerprint; }

    BcTlsCrypto crypto() { return crypto; }

    Certificate certificate() { return certificate; }

    AsymmetricKeyParameter privateKey() { return privateKey; }
}
