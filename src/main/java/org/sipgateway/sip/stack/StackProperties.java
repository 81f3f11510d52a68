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
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536"); // bounded memory per message
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "true");
        if (config.transports().contains(Transport.TLS)) {
            p.setProperty("javax.net.ssl.keyStore", config.tlsKeystore());
            p.setProperty("javax.net.ssl.keyStorePassword", config.tlsKeystorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", config.tlsKeystoreType());
            p.setProperty("javax.net.ssl.trustStore", config.tlsKeystore());
            p.setProperty("javax.net.ssl.trustStorePassword", config.tlsKeystorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", config.tlsKeystoreType());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "DisabledAll");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
        }
        return p;
    }
}
