package org.sipgateway.sip.stack;

import java.util.Properties;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.Transport;

/** The jain-sip stack properties for one service instance. */
public final class StackProperties {

    private StackProperties() {
    }

    public static Properties of(SipConfig config, String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName); // unique per instance: SipFactory caches stacks by name
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        // no TCP_POST_PARSING_THREAD_POOL_SIZE: that pool is static, and one stack's stop() would shut it for all
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536"); // bounded memory per message
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "true");
        if (config.transports().contains(Transport.TLS)) {
            // read by jain-sip as stack properties (not JVM-wide system properties)
            p.setProperty("javax.net.ssl.keyStore", config.tls().keystore());
            p.setProperty("javax.net.ssl.keyStorePassword", config.tls().keystorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", config.tls().keystoreType());
            p.setProperty("javax.net.ssl.trustStore", config.tls().truststore());
            p.setProperty("javax.net.ssl.trustStorePassword", config.tls().truststorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", config.tls().keystoreType());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
            // jain-sip's default list holds only suites that Java 17 disables: without this, "no cipher suites in common"
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ",
                    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"));
        }
        return p;
    }
}
