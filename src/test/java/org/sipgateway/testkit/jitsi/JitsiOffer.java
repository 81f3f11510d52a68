package org.sipgateway.testkit.jitsi;

import java.util.ArrayList;
import java.util.List;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jitsi.xmpp.extensions.jingle.JingleIQProvider;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;

/**
 * The Jingle requests Jicofo sends a gateway occupant, as XML exactly as docs/JITSI-WIRE.md describes
 * them: BUNDLE, bridge-session, audio description with maxptime 60, RED 112 first only when the
 * occupant advertised opus-red, opus 111 (minptime 10, useinbandfec only without RED), telephone-event 126,
 * hdrexts ssrc-audio-level 1 and sdes:mid 10, extmap-allow-mixed, ssrc-info sources, rtcp-mux; ice-udp transport
 * with a colibri web-socket, rtcp-mux, an actpass fingerprint (required=false, cryptex=false) and host candidates.
 */
public final class JitsiOffer {
    static {
        ProviderManager.addIQProvider(JingleIQ.ELEMENT, JingleIQ.NAMESPACE, new JingleIQProvider());
    }

    private JitsiOffer() {
    }

    /** Makes sure the Jingle IQ provider is registered (the static initializer above does it). */
    public static void ensureProviders() {
        // class initialization registers the provider
    }

    public static String sessionInitiate(String from, String to, String sid, boolean red, BridgeEndpoint bridge,
            List<BridgeSource> sources) {
        final StringBuilder x = new StringBuilder();
        x.append("<iq xmlns='jabber:client' type='set' id='").append(sid).append("-init' from='").append(from)
                .append("' to='").append(to).append("'>")
                .append("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='").append(from)
                .append("' sid='").append(sid).append("'>")
                .append("<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='audio'/></group>")
                .append("<bridge-session xmlns='http://jitsi.org/protocol/focus' id='").append(sid).append("-bs' region='local'/>")
                .append("<content creator='initiator' name='audio' senders='both'>")
                .append("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio' maxptime='60'>");
        if (red) {
            x.append("<payload-type id='112' name='red' clockrate='48000' channels='2'/>");
        }
        x.append("<payload-type id='111' name='opus' clockrate='48000' channels='2'>")
                .append("<parameter name='minptime' value='10'/>");
        if (!red) {
            x.append("<parameter name='useinbandfec' value='1'/>");
        }
        x.append("<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/></payload-type>")
                .append("<payload-type id='126' name='telephone-event' clockrate='8000'/>")
                .append("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='urn:ietf:params:rtp-hdrext:ssrc-audio-level'/>")
                .append("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='10' uri='urn:ietf:params:rtp-hdrext:sdes:mid'/>")
                .append("<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>");
        appendSources(x, sources);
        x.append("<rtcp-mux/></description>");
        appendTransport(x, bridge);
        x.append("</content></jingle></iq>");
        return x.toString();
    }

    /** source-add / source-remove: the sources in an audio description of content 'audio'. */
    public static String sources(String action, String from, String to, String sid, List<BridgeSource> sources) {
        final StringBuilder x = new StringBuilder();
        x.append("<iq xmlns='jabber:client' type='set' from='").append(from).append("' to='").append(to).append("'>")
                .append("<jingle xmlns='urn:xmpp:jingle:1' action='").append(action).append("' sid='").append(sid)
                .append("'><content name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>");
        appendSources(x, sources);
        x.append("</description></content></jingle></iq>");
        return x.toString();
    }

    /** transport-replace (bridge migration): a new transport for content 'audio', description included as Jicofo does. */
    public static String transportReplace(String from, String to, String sid, BridgeEndpoint bridge) {
        final StringBuilder x = new StringBuilder();
        x.append("<iq xmlns='jabber:client' type='set' from='").append(from).append("' to='").append(to).append("'>")
                .append("<jingle xmlns='urn:xmpp:jingle:1' action='transport-replace' initiator='").append(from)
                .append("' sid='").append(sid).append("'><content creator='initiator' name='audio' senders='both'>");
        appendTransport(x, bridge);
        x.append("</content></jingle></iq>");
        return x.toString();
    }

    public static String sessionTerminate(String from, String to, String sid, String reason, String text) {
        return "<iq xmlns='jabber:client' type='set' from='" + from + "' to='" + to + "'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='" + sid + "'>"
                + "<reason><" + reason + "/><text>" + text + "</text></reason></jingle></iq>";
    }

    /** A Jingle DTMF session-info (XEP-0181). */
    public static String dtmf(String from, String to, String sid, char digit, int durationMillis) {
        return "<iq xmlns='jabber:client' type='set' from='" + from + "' to='" + to + "'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='" + sid + "'>"
                + "<dtmf xmlns='urn:xmpp:jingle:dtmf:0' code='" + digit + "' duration='" + durationMillis + "'/>"
                + "</jingle></iq>";
    }

    private static void appendSources(StringBuilder x, List<BridgeSource> sources) {
        for (BridgeSource s : sources) {
            x.append("<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='").append(s.ssrc()).append("' name='")
                    .append(s.name()).append("'><ssrc-info xmlns='http://jitsi.org/jitmeet' owner='").append(s.owner())
                    .append("'/></source>");
        }
    }

    private static void appendTransport(StringBuilder x, BridgeEndpoint bridge) {
        x.append("<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='").append(bridge.ufrag())
                .append("' pwd='").append(bridge.password()).append("'>")
                .append("<web-socket xmlns='http://jitsi.org/protocol/colibri' url='wss://localhost/colibri-ws/test'/>")
                .append("<rtcp-mux/>")
                .append("<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass' required='false' cryptex='false'>")
                .append(bridge.fingerprint()).append("</fingerprint>");
        int id = 1;
        for (BridgeEndpoint.Candidate c : bridge.candidates()) {
            x.append("<candidate component='1' foundation='").append(c.foundation()).append("' generation='0' id='jvbc")
                    .append(id++).append("' ip='").append(c.ip()).append("' network='0' port='").append(c.port())
                    .append("' priority='").append(c.priority()).append("' protocol='udp' type='host'/>");
        }
        x.append("</transport>");
    }

    /** Parses one of the strings above into the stanza Smack would deliver. */
    public static JingleIQ parse(String xml) {
        try {
            final Stanza s = PacketParserUtils.parseStanza(xml);
            if (!(s instanceof JingleIQ j)) {
                throw new AssertionError("not parsed as Jingle: " + s);
            }
            return j;
        } catch (Exception e) {
            throw new AssertionError("cannot parse test Jingle XML: " + e, e);
        }
    }

    public static List<BridgeSource> sourcesOf(BridgeSource... s) {
        return new ArrayList<>(List.of(s));
    }
}
