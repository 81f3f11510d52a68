package org.sipgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipgateway.ClassReferences.Dependency;

/**
 * The layers of docs/ARCHITECTURE.md hold: plugin/ > callcontrol/ > gateway/ > sip/, conference/, media/, and every
 * dependency points down. Read from the compiled classes (target/classes) and the source imports (src/main/java).
 */
class LayeringTest {
    private static final String PLUGIN = "org.sipgateway.plugin";
    private static final String CALLCONTROL = "org.sipgateway.callcontrol";
    private static final String GATEWAY = "org.sipgateway.gateway";
    private static final String SIP = "org.sipgateway.sip";
    private static final String CONFERENCE = "org.sipgateway.conference";
    private static final String MEDIA = "org.sipgateway.media";
    private static final List<String> OPENFIRE = List.of("org.jivesoftware.openfire", "org.jivesoftware.util",
            "org.jivesoftware.database", "org.jivesoftware.admin");
    private static final List<String> SIP_STACK = List.of("javax.sip", "gov.nist");
    /** Smack, jxmpp, jitsi-xmpp-extensions, Tinder. */
    private static final List<String> XMPP = List.of("org.jivesoftware.smack", "org.jivesoftware.smackx", "org.jxmpp",
            "org.jitsi.xmpp", "org.xmpp");

    /** One rule: classes in {@code from} (but not in {@code except}) must not depend on anything in {@code forbidden}. */
    record Rule(String text, List<String> from, List<String> except, List<String> forbidden) {
        boolean breaks(Dependency d) {
            return inAny(d.from(), from) && !inAny(d.from(), except) && inAny(d.to(), forbidden);
        }
    }

    /** The table in docs/ARCHITECTURE.md, section "Layers": keep the two in step. */
    static final List<Rule> RULES = List.of(
            new Rule("media/, sip/ and conference/ import no gateway/, callcontrol/ or plugin/",
                    List.of(MEDIA, SIP, CONFERENCE), List.of(), List.of(GATEWAY, CALLCONTROL, PLUGIN)),
            new Rule("gateway/ imports no callcontrol/ or plugin/", List.of(GATEWAY), List.of(), List.of(CALLCONTROL, PLUGIN)),
            new Rule("callcontrol/ imports no plugin/", List.of(CALLCONTROL), List.of(), List.of(PLUGIN)),
            new Rule("only plugin/ imports Openfire", List.of("org.sipgateway"), List.of(PLUGIN), OPENFIRE),
            new Rule("media/ knows neither SIP nor XMPP", List.of(MEDIA), List.of(),
                    concat(List.of(SIP, CONFERENCE), SIP_STACK, XMPP)),
            new Rule("sip/ knows neither XMPP nor media/", List.of(SIP), List.of(), concat(List.of(CONFERENCE, MEDIA), XMPP)),
            new Rule("conference/ knows neither SIP nor media/", List.of(CONFERENCE), List.of(),
                    concat(List.of(SIP, MEDIA), SIP_STACK)));

    @Test
    void mainCodeDependsOnlyDownward() {
        final List<String> broken = violations(mainCodeDependencies(), RULES);
        assertTrue(broken.isEmpty(), broken.size() + " dependencies break the layers of docs/ARCHITECTURE.md:\n"
                + String.join("\n", broken));
    }

    /** The check above can only fail if the reader sees the code: every layer, and the dependencies we know of. */
    @Test
    void readerSeesEveryLayerAndItsKnownDependencies() {
        final List<Dependency> deps = mainCodeDependencies();
        final Set<String> packages = deps.stream().map(d -> layerOf(d.from())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of(PLUGIN, CALLCONTROL, GATEWAY, SIP, CONFERENCE, MEDIA)), packages);
        assertHas(deps, "org.sipgateway.plugin.SipGatewayPlugin", "org.jivesoftware.openfire.container.Plugin", "class file");
        assertHas(deps, "org.sipgateway.plugin.SipGatewayPlugin", "org.jivesoftware.openfire.container.Plugin", "import");
        assertHas(deps, "org.sipgateway.gateway.GatewaySession", "org.sipgateway.conference.ConferenceParticipant", "class file");
        assertHas(deps, "org.sipgateway.sip.SipService", "javax.sip.SipStack", "class file");
    }

    @ParameterizedTest(name = "{0} -> {1} breaks: {2}")
    @CsvSource(delimiter = '|', value = {
        "org.sipgateway.media.MediaSession         | org.sipgateway.gateway.GatewaySession       | media/, sip/ and conference/",
        "org.sipgateway.sip.SipService             | org.sipgateway.plugin.Settings              | media/, sip/ and conference/",
        "org.sipgateway.conference.BreweryRoom     | org.sipgateway.callcontrol.DialPolicy       | media/, sip/ and conference/",
        "org.sipgateway.gateway.GatewaySession     | org.sipgateway.callcontrol.DialPolicy       | gateway/ imports",
        "org.sipgateway.gateway.ivr.KeypadIvr      | org.sipgateway.plugin.Settings              | gateway/ imports",
        "org.sipgateway.callcontrol.DialOutDesk    | org.sipgateway.plugin.web.StatusServlet     | callcontrol/ imports",
        "org.sipgateway.gateway.DialInService      | org.jivesoftware.util.JiveGlobals           | only plugin/",
        "org.sipgateway.callcontrol.link.Link      | org.jivesoftware.openfire.XMPPServer        | only plugin/",
        "org.sipgateway.conference.Pins            | org.jivesoftware.database.DbConnectionManager | only plugin/",
        "org.sipgateway.sip.SipService             | org.jivesoftware.admin.AuthCheckFilter      | only plugin/",
        "org.sipgateway.media.MediaSession         | org.sipgateway.sip.sdp.AudioCodec           | media/ knows",
        "org.sipgateway.media.mix.MixClock         | org.sipgateway.conference.JingleMedia       | media/ knows",
        "org.sipgateway.media.MediaSession         | javax.sip.message.Request                   | media/ knows",
        "org.sipgateway.media.transport.Ice        | org.jivesoftware.smack.XMPPConnection       | media/ knows",
        "org.sipgateway.media.MediaEngine          | org.xmpp.packet.IQ                          | media/ knows",
        "org.sipgateway.media.MediaEngine          | org.jitsi.xmpp.extensions.jingle.JingleIQ   | media/ knows",
        "org.sipgateway.sip.call.SipCall           | org.sipgateway.conference.ConferenceParticipant | sip/ knows",
        "org.sipgateway.sip.call.SipCall           | org.sipgateway.media.MediaSession           | sip/ knows",
        "org.sipgateway.sip.SipService             | org.jxmpp.jid.Jid                           | sip/ knows",
        "org.sipgateway.conference.JingleSession   | org.sipgateway.sip.sdp.AudioCodec           | conference/ knows",
        "org.sipgateway.conference.JingleSession   | org.sipgateway.media.MediaSession           | conference/ knows",
        "org.sipgateway.conference.JingleSession   | gov.nist.javax.sip.SipStackImpl             | conference/ knows",
        "org.sipgateway.conference.JingleSession   | org.jivesoftware.openfire.*                 | only plugin/",
    })
    void upwardOrForbiddenDependencyIsNamed(String from, String to, String rule) {
        final List<String> broken = violations(List.of(new Dependency(from, to, "test")), RULES);
        assertEquals(1, broken.size(), String.join("\n", broken));
        assertTrue(broken.get(0).startsWith(rule) && broken.get(0).contains(from + " -> " + to), broken.get(0));
    }

    @ParameterizedTest(name = "{0} -> {1} is allowed")
    @CsvSource(delimiter = '|', value = {
        "org.sipgateway.plugin.SipGatewayPlugin    | org.jivesoftware.openfire.container.Plugin",
        "org.sipgateway.plugin.web.StatusServlet   | org.sipgateway.gateway.Switchboard",
        "org.sipgateway.callcontrol.DialOutDesk    | org.sipgateway.gateway.DialOutService",
        "org.sipgateway.callcontrol.BreweryMember  | org.sipgateway.conference.BreweryRoom",
        "org.sipgateway.callcontrol.link.Link      | org.xmpp.packet.Packet",
        "org.sipgateway.gateway.GatewaySession     | org.sipgateway.sip.call.SipCall",
        "org.sipgateway.gateway.BridgeMedia        | org.sipgateway.media.MediaSession",
        "org.sipgateway.gateway.BridgeMedia        | org.sipgateway.conference.JingleMedia",
        "org.sipgateway.conference.JingleSession   | org.jivesoftware.smack.XMPPConnection",
        "org.sipgateway.conference.JingleSession   | org.jivesoftware.smackx.muc.MultiUserChat",
        "org.sipgateway.media.transport.Dtls       | org.jitsi.utils.logging2.Logger",
        "org.sipgateway.media.mix.MixClock         | org.sipgateway.media.rtp.RtpPacket",
        "org.sipgateway.sip.SipService             | javax.sip.SipStack",
        "org.sipgateway.mediaplayer.Player         | org.sipgateway.gateway.GatewaySession",
    })
    void downwardDependencyPasses(String from, String to) {
        assertEquals(List.of(), violations(List.of(new Dependency(from, to, "test")), RULES));
    }

    /** A type used only as a generic argument is still read; a string literal that looks like a type is not. */
    @Test
    void readerFindsSignatureOnlyTypesAndSkipsStringLiterals() throws IOException {
        final Set<String> refs;
        try (InputStream in = LayeringTest.class.getResourceAsStream("LayeringTest$SignatureOnly.class")) {
            refs = ClassReferences.referencedClasses(in.readAllBytes());
        }
        assertTrue(refs.contains("java.util.concurrent.Semaphore"), refs.toString());
        assertTrue(refs.contains("java.util.List"), refs.toString());
        assertTrue(!refs.contains("java.util.concurrent.Phaser"), refs.toString());
    }

    @SuppressWarnings("unused")
    private static final class SignatureOnly {
        private List<java.util.concurrent.Semaphore> permits;

        String text() {
            return "Ljava/util/concurrent/Phaser;";
        }
    }

    /** Each broken rule as "rule: from -> to (where)", one line per pair, sorted. */
    static List<String> violations(Collection<Dependency> deps, List<Rule> rules) {
        final Map<String, String> broken = new LinkedHashMap<>();
        for (Dependency d : deps) {
            for (Rule rule : rules) {
                if (rule.breaks(d)) {
                    broken.putIfAbsent(rule.text() + ": " + d.from() + " -> " + d.to(), d.where());
                }
            }
        }
        return broken.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().toList();
    }

    private static List<Dependency> mainCodeDependencies() {
        final Path classes = Path.of("target", "classes", "org", "sipgateway");
        final Path sources = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(classes), classes + " is missing: compile first (mvn test-compile)");
        final List<Dependency> deps = new ArrayList<>(ClassReferences.ofClassFiles(Path.of("target", "classes")));
        deps.addAll(ClassReferences.ofSourceImports(sources));
        return deps.stream().filter(d -> d.from().startsWith("org.sipgateway.")).toList();
    }

    private static void assertHas(List<Dependency> deps, String from, String to, String how) {
        assertTrue(deps.stream().anyMatch(d -> d.from().equals(from) && d.to().equals(to) && d.where().startsWith(how)),
                "the " + how + " reader does not see " + from + " -> " + to);
    }

    private static String layerOf(String className) {
        return String.join(".", List.of(className.split("\\.")).subList(0, 3));
    }

    private static boolean inAny(String name, List<String> packages) {
        return packages.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + "."));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
