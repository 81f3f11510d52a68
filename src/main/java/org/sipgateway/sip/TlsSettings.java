package org.sipgateway.sip;

/**
 * Key material for the TLS transport (RFC 3261 section 26.2): our certificate and the certificates
 * we trust when we connect (a registrar, a trunk).
 *
 * @param keystore          path of the keystore with our key and certificate
 * @param keystorePassword  its password
 * @param keystoreType      PKCS12 or JKS
 * @param truststore        path of the trusted certificates; null means the keystore
 * @param truststorePassword its password
 */
public record TlsSettings(String keystore, String keystorePassword, String keystoreType, String truststore,
                          String truststorePassword) {

    public TlsSettings {
        if (keystore == null || keystore.isBlank()) {
            throw new IllegalArgumentException("sipgateway.sip.tls.keystore is required when transports include tls");
        }
        if (!new java.io.File(keystore).canRead()) {
            throw new IllegalArgumentException("sipgateway.sip.tls.keystore '" + keystore + "' is not a readable file");
        }
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        keystoreType = keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType;
        if (truststore == null || truststore.isBlank()) {
            truststore = keystore;
            truststorePassword = keystorePassword;
        }
        truststorePassword = truststorePassword == null ? "" : truststorePassword;
    }

    @Override
    public String toString() {
        return "TlsSettings[" + keystore + ", truststore " + truststore + "]"; // never the passwords
    }
}
