package org.sipgateway.testkit.jitsi;

import java.util.ArrayList;
import java.util.List;
import org.jitsi.xmpp.extensions.colibri.SourcePacketExtension;
import org.jitsi.xmpp.extensions.jingle.ContentPacketExtension;
import org.jitsi.xmpp.extensions.jingle.DtlsFingerprintPacketExtension;
import org.jitsi.xmpp.extensions.jingle.GroupPacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceUdpTransportPacketExtension;
import org.jitsi.xmpp.extensions.jingle.JingleAction;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jitsi.xmpp.extensions.jingle.PayloadTypePacketExtension;
import org.jitsi.xmpp.extensions.jingle.RtpDescriptionPacketExtension;

/**
 * What the focus and the bridge need from a gateway's session-accept, checked all at once: a malformed answer fails
 * with every problem listed, so a test shows why Jicofo would ignore the gateway or the bridge would send nothing.
 */
public final class AnswerCheck {
    private AnswerCheck() {
    }

    /** The transport of a session-accept or transport-accept, checked; returns it. */
    public static IceUdpTransportPacketExtension transport(JingleIQ answer, List<String> problems) {
        final ContentPacketExtension content = answer.getContentList().isEmpty() ? null : answer.getContentList().get(0);
        final IceUdpTransportPacketExtension t = content == null ? null
                : content.getFirstChildOfType(IceUdpTransportPacketExtension.class);
        if (t == null) {
            problems.add("no ice-udp transport");
            return null;
        }
        if (t.getUfrag() == null || t.getUfrag().length() < 4) {
            problems.add("ICE ufrag missing or shorter than 4 characters (RFC 8839 section 5.4): " + t.getUfrag());
        }
        if (t.getPassword() == null || t.getPassword().length() < 22) {
            problems.add("ICE pwd missing or shorter than 22 characters (RFC 8839 section 5.4)");
        }
        if (t.getCandidateList().isEmpty()) {
            problems.add("no ICE candidates");
        }
        if (!t.isRtcpMux()) {
            problems.add("no rtcp-mux in the transport");
        }
        final DtlsFingerprintPacketExtension fp = t.getFirstChildOfType(DtlsFingerprintPacketExtension.class);
        if (fp == null) {
            problems.add("no DTLS fingerprint");
        } else {
            if (!"sha-256".equals(fp.getHash())) {
                problems.add("fingerprint hash is " + fp.getHash() + ", the bridge uses sha-256");
            }
            if (!"active".equals(fp.getSetup())) {
                problems.add("fingerprint setup is " + fp.getSetup() + ", must be active (the gateway is the DTLS client)");
            }
            if (fp.getFingerprint() == null || !fp.getFingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}")) {
                problems.add("fingerprint is not 32 upper-case hex bytes: " + fp.getFingerprint());
            }
        }
        return t;
    }

    /**
     * Checks a session-accept against the offer it answers; throws an AssertionError listing every problem.
     *
     * @param red whether the gateway was expected to pick RED
     */
    public static SourcePacketExtension sessionAccept(JingleIQ offer, JingleIQ answer, boolean red) {
        final List<String> problems = new ArrayList<>();
        if (answer.getAction() != JingleAction.SESSION_ACCEPT) {
            problems.add("action is " + answer.getAction() + ", expected session-accept");
        }
        if (!offer.getSID().equals(answer.getSID())) {
            problems.add("sid " + answer.getSID() + " does not match the offer's " + offer.getSID());
        }
        if (answer.getContentList().size() != 1 || !"audio".equals(answer.getContentList().get(0).getName())) {
            problems.add("expected exactly one content named 'audio', got " + answer.getContentList().size());
        }
        if (answer.getExtensions(GroupPacketExtension.class).stream().noneMatch(g -> "BUNDLE".equals(g.getSemantics()))) {
            problems.add("no BUNDLE group");
        }
        SourcePacketExtension source = null;
        final ContentPacketExtension content = answer.getContentList().isEmpty() ? null : answer.getContentList().get(0);
        final RtpDescriptionPacketExtension d = content == null ? null
                : content.getFirstChildOfType(RtpDescriptionPacketExtension.class);
        if (d == null || !"audio".equals(d.getMedia())) {
            problems.add("no audio RTP description");
        } else {
            final List<PayloadTypePacketExtension> pts = d.getPayloadTypes();
            final List<String> names = pts.stream().map(p -> p.getName() + "/" + p.getID()).toList();
            final List<String> expected = red ? List.of("red/112", "opus/111", "telephone-event/126")
                    : List.of("opus/111", "telephone-event/126");
            if (!names.equals(expected)) {
                problems.add("payload types " + names + ", expected " + expected);
            }
            final List<SourcePacketExtension> sources = d.getChildExtensionsOfType(SourcePacketExtension.class);
            if (sources.size() != 1) {
                problems.add("expected one audio source for the caller, got " + sources.size());
            } else {
                source = sources.get(0);
                if (!source.hasSSRC() || source.getSSRC() <= 0 || source.getSSRC() > 0xFFFFFFFFL) {
                    problems.add("source has no valid SSRC");
                }
                if (source.getName() == null || !source.getName().endsWith("-a0")) {
                    problems.add("source name " + source.getName() + " is not <endpoint>-a0");
                }
                if (source.getParameter("msid") == null || source.getParameter("msid").split(" ").length != 2) {
                    problems.add("source has no msid '<stream> <track>' parameter");
                }
            }
            if (d.getExtmapList().stream().noneMatch(h -> "1".equals(h.getID()))) {
                problems.add("the ssrc-audio-level header extension (id 1) was not accepted");
            }
        }
        transport(answer, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError("malformed session-accept from the gateway:\n - " + String.join("\n - ", problems)
                    + "\n" + answer.toXML());
        }
        return source;
    }

    /** Checks a transport-accept; throws listing every problem. */
    public static IceUdpTransportPacketExtension transportAccept(String sid, JingleIQ answer) {
        final List<String> problems = new ArrayList<>();
        if (answer.getAction() != JingleAction.TRANSPORT_ACCEPT) {
            problems.add("action is " + answer.getAction() + ", expected transport-accept");
        }
        if (!sid.equals(answer.getSID())) {
            problems.add("sid " + answer.getSID() + " is not " + sid);
        }
        final IceUdpTransportPacketExtension t = transport(answer, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError("malformed transport-accept:\n - " + String.join("\n - ", problems) + "\n" + answer.toXML());
        }
        return t;
    }
}
