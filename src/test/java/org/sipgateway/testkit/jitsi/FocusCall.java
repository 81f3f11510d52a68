package org.sipgateway.testkit.jitsi;

import java.time.Duration;
import java.util.List;
import org.jitsi.xmpp.extensions.colibri.SourcePacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceUdpTransportPacketExtension;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/** One Jingle session the {@link FocusPeer} runs with the gateway: what the gateway answered, and what the focus can do next. */
public final class FocusCall {
    private final FocusPeer focus;
    private final String nick;
    private final String sid;
    private final JingleIQ accept;
    private final SourcePacketExtension gatewaySource;

    FocusCall(FocusPeer focus, String nick, String sid, JingleIQ accept, SourcePacketExtension gatewaySource) {
        this.focus = focus;
        this.nick = nick;
        this.sid = sid;
        this.accept = accept;
        this.gatewaySource = gatewaySource;
    }

    public String sid() {
        return sid;
    }

    /** The gateway's session-accept (already checked). */
    public JingleIQ accept() {
        return accept;
    }

    /** The caller's audio source the gateway announced (SSRC, name, msid). */
    public SourcePacketExtension gatewaySource() {
        return gatewaySource;
    }

    /** The gateway's transport from the session-accept. */
    public IceUdpTransportPacketExtension gatewayTransport() {
        return accept.getContentList().get(0).getFirstChildOfType(IceUdpTransportPacketExtension.class);
    }

    private JingleIQ parse(String xml) throws Exception {
        final JingleIQ iq = JitsiOffer.parse(xml);
        iq.setFrom((Jid) null);
        if (iq.getStanzaId() == null) {
            iq.setStanzaId(org.jivesoftware.smack.util.StringUtils.randomString(12));
        }
        return iq;
    }

    private String to() throws Exception {
        return focus.occupant(nick).toString();
    }

    public IQ sourceAdd(List<BridgeSource> sources) throws Exception {
        return focus.send(parse(JitsiOffer.sources("source-add", focus.focusJid(), to(), sid, sources)));
    }

    public IQ sourceRemove(List<BridgeSource> sources) throws Exception {
        return focus.send(parse(JitsiOffer.sources("source-remove", focus.focusJid(), to(), sid, sources)));
    }

    /** Bridge migration: sends transport-replace, waits for the gateway's transport-accept and checks it. */
    public IceUdpTransportPacketExtension transportReplace(BridgeEndpoint bridge) throws Exception {
        focus.send(parse(JitsiOffer.transportReplace(focus.focusJid(), to(), sid, bridge)));
        return AnswerCheck.transportAccept(sid, focus.next(Duration.ofSeconds(20)));
    }

    public IQ dtmf(char digit, int durationMillis) throws Exception {
        return focus.send(parse(JitsiOffer.dtmf(focus.focusJid(), to(), sid, digit, durationMillis)));
    }

    public IQ terminate(String reason, String text) throws Exception {
        return focus.send(parse(JitsiOffer.sessionTerminate(focus.focusJid(), to(), sid, reason, text)));
    }

    /** Sends any Jingle XML (for malformed-request tests); {@code %TO%} and {@code %SID%} are filled in. */
    public IQ raw(String xml) throws Exception {
        return focus.send(parse(xml.replace("%TO%", to()).replace("%SID%", sid)));
    }
}
