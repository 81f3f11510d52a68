package org.sipgateway.conference;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.sipgateway.conference.ConferenceListener.EndReason;

/** Opens one participant's c2s connection per {@link XmppServerConfig} and names the reason when it cannot. */
final class XmppLogin {
    static {
        SmackRuntime.configure();
    }

    private XmppLogin() {
    }

    static XMPPTCPConnection connect(XmppServerConfig server, String resource) throws ConferenceFailure, InterruptedException {
        return connect(server, resource, c -> { });
    }

    /** As above; {@code created} sees the connection before it connects, so a hangup can abort the attempt. */
    static XMPPTCPConnection connect(XmppServerConfig server, String resource,
            java.util.function.Consumer<XMPPTCPConnection> created) throws ConferenceFailure, InterruptedException {
        final XMPPTCPConnection connection;
        try {
            final XMPPTCPConnectionConfiguration.Builder b = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(server.loginDomain())
                    .setHostAddress(InetAddress.getByName(server.host()))
                    .setPort(server.port())
                    .setResource(resource)
                    .setSecurityMode(server.tls().securityMode())
                    .setConnectTimeout((int) server.timeout().toMillis())
                    .setSendPresence(false); // our first presence goes to the room, not to a roster (RFC 6121 section 4.2)
            if (server.anonymous()) {
                b.performSaslAnonymousAuthentication();
            } else {
                b.setUsernameAndPassword(server.loginName(), server.password());
            }
            connection = new XMPPTCPConnection(b.build());
        } catch (UnknownHostException e) {
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, "XMPP server host '" + server.host() + "' is unknown");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, "bad XMPP settings for " + server + ": " + e.getMessage());
        }
        connection.setReplyTimeout(server.timeout().toMillis());
        connection.setParsingExceptionCallback(new MalformedStanzas());
        created.accept(connection);
        try {
            connection.connect();
        } catch (SmackException.ConnectionException e) {
            close(connection);
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, "cannot connect to " + server.host() + ":" + server.port()
                    + " (" + rootMessage(e) + ")", e);
        } catch (SmackException.SecurityRequiredByClientException e) {
            close(connection);
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, "TLS is required (sipgateway.xmpp.tls=required) but "
                    + server.host() + " does not offer STARTTLS", e);
        } catch (SSLException e) {
            close(connection);
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, "TLS with " + server.host() + " failed: " + rootMessage(e), e);
        } catch (SmackException | IOException | XMPPException e) {
            close(connection);
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, "XMPP connection to " + server.host() + ":"
                    + server.port() + " failed: " + rootMessage(e), e);
        }
        try {
            connection.login();
        } catch (SASLErrorException e) {
            close(connection);
            final String who = server.anonymous() ? "anonymous login" : "login as " + server.username();
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, who + " refused by " + server.loginDomain() + ": "
                    + e.getSASLFailure().getSASLErrorString(), e);
        } catch (SmackException | IOException | XMPPException e) {
            close(connection);
            final String who = server.anonymous() ? "anonymous login" : "login as " + server.username();
            throw new ConferenceFailure(EndReason.CONNECTION_FAILED, who + " on " + server.loginDomain() + " failed: "
                    + rootMessage(e), e);
        }
        return connection;
    }

    /** Closes without waiting long for the server's closing stream tag (Openfire 4.2 never sends it). */
    static void close(XMPPTCPConnection connection) {
        connection.setReplyTimeout(1000);
        connection.disconnect();
    }

    /**
     * Why an established connection ended, in words for a phone's BYE: a stream cut off mid-document (the server
     * closed the socket without its closing tag, as Openfire does when it drops a session) or a reset socket is the
     * server dropping us; anything else keeps its own message.
     */
    static String lostBecause(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final String message = String.valueOf(root.getMessage());
        if (root instanceof javax.xml.stream.XMLStreamException || root instanceof java.io.EOFException
                || root instanceof org.jivesoftware.smack.xml.XmlPullParserException || root instanceof java.net.SocketException
                || message.contains("END_DOCUMENT")) { // Smack's words for a stream that ended without its closing tag
            return "the XMPP server dropped the connection";
        }
        return "XMPP connection lost: " + rootMessage(e);
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }
}
