package org.sipgateway.testkit.xmpp;

import java.time.Duration;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** A real XMPP client (Smack over c2s) for tests: logs in on loopback, asks, and closes. */
public final class TestXmppClient implements AutoCloseable {
    private final XMPPTCPConnection connection;

    private TestXmppClient(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    /** Logs in as {@code user} on {@code domain} through 127.0.0.1:{@code port}. */
    public static TestXmppClient login(String domain, int port, String user, String password) throws Exception {
        return login(domain, port, user, password, "test");
    }

    /** Logs in with a given resource: two sessions of one account need different resources (RFC 6120 section 7.7.2.2). */
    public static TestXmppClient login(String domain, int port, String user, String password, String resource)
            throws Exception {
        return open(loopback(domain, port).setUsernameAndPassword(user, password).setResource(resource));
    }

    /** Logs in anonymously (SASL ANONYMOUS) on {@code domain} through 127.0.0.1:{@code port}. */
    public static TestXmppClient anonymous(String domain, int port) throws Exception {
        return open(loopback(domain, port).performSaslAnonymousAuthentication());
    }

    private static XMPPTCPConnectionConfiguration.Builder loopback(String domain, int port) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost("127.0.0.1")
                .setPort(port)
                .setSecurityMode(SecurityMode.disabled) // loopback only
                .setConnectTimeout(10_000);
    }

    private static TestXmppClient open(XMPPTCPConnectionConfiguration.Builder config) throws Exception {
        final XMPPTCPConnection connection = new XMPPTCPConnection(config.build());
        connection.setReplyTimeout(Duration.ofSeconds(10).toMillis());
        try {
            connection.connect().login();
        } catch (Exception e) {
            connection.disconnect();
            throw e;
        }
        return new TestXmppClient(connection);
    }

    public DiscoverInfo discoInfo(String jid) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(JidCreate.from(jid));
    }

    /** Sends an IQ and returns the answer; an error answer throws {@link XMPPException.XMPPErrorException}. */
    public IQ request(IQ iq) throws SmackException.NoResponseException, XMPPException.XMPPErrorException,
            SmackException.NotConnectedException, InterruptedException {
        return connection.sendIqRequestAndWaitForResponse(iq);
    }

    /** An IQ of the given type whose child is the raw XML given (for Rayo and malformed requests). */
    public static IQ rawIq(String to, IQ.Type type, String element, String namespace, String innerXml) throws Exception {
        return RawIq.of(JidCreate.from(to), type, element, namespace, "", innerXml);
    }

    /** As above, with the child's attributes written as given ({@code " action='x' sid='y'"}, character references kept). */
    public static IQ rawIq(String to, IQ.Type type, String element, String namespace, String attributes, String innerXml)
            throws Exception {
        return RawIq.of(JidCreate.from(to), type, element, namespace, attributes, innerXml);
    }

    public Jid user() {
        return connection.getUser();
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    public void send(Stanza stanza) throws Exception {
        connection.sendStanza(stanza);
    }

    /** Leaves politely (unavailable presence, closing tag) without waiting 10 s for Openfire 4.2's closing tag. */
    @Override
    public void close() {
        connection.setReplyTimeout(1_000);
        connection.disconnect();
    }
}
