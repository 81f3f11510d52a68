package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireProcess;
import org.sipgateway.testkit.openfire.ThreadReport;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** Many calls, one after another and at once: all connect, and the gateway gives back everything they used. */
class DialInLoadIT {
    private static final Duration ASK = Duration.ofSeconds(20);

    @Test
    void twentyCallsInARowAndTenAtOnceAllConnectAndLeaveNothingBehind(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-load")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32"));
                FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                        "load@conference.localhost", FocusPeer.RoomSetup.OPEN);
                AutoFocus autoFocus = AutoFocus.start(focus)) {
            final OpenfireProcess of = openfire.process();
            assertCalls(run, openfire, 1, 1); // warm-up: the first call loads codecs and ICE for the JVM's lifetime
            final ThreadReport threads = settled(of);
            final int sessions = of.clientSessions(ASK);
            final long sockets = of.openSockets();
            final String socketsBefore = of.socketList();

            assertCalls(run, openfire, 20, 1);
            assertCalls(run, openfire, 10, 10);
            autoFocus.assertNoFailures();
            assertEquals(31, autoFocus.offersAccepted(), "every call was offered and accepted");

            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(30), () -> of.clientSessions(ASK) == sessions),
                    "XMPP sessions back to " + sessions + ", now " + of.clientSessions(ASK));
            // Smack's and ice4j's shared pools keep idle threads for 60 s before they end
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(90),
                    () -> of.threadReport(ASK).pluginThreads().size() <= threads.pluginThreads().size()),
                    "plugin threads back to " + threads.pluginThreads() + ", now " + of.threadReport(ASK).pluginThreads());
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(30), () -> of.openSockets() <= sockets),
                    "sockets back to " + sockets + ", now " + of.openSockets() + "\nbefore:" + socketsBefore
                            + "\nafter:" + of.socketList());
        }
    }

    private static void assertCalls(RunDir run, OpenfireFixture openfire, int calls, int atOnce) {
        final Sipp.Result result = Sipp.scenario(run, "uac_room_call.xml").target(openfire.sipPort())
                .service("gateway").key("room", "load").calls(calls).limit(atOnce).rate(10).quiet()
                .run(Duration.ofSeconds(120));
        assertEquals(0, result.exitCode(), calls + " calls (" + atOnce + " at once): " + result.describe());
    }

    /** The plugin's threads once the warm-up call's pools have gone idle. */
    private static ThreadReport settled(OpenfireProcess of) throws InterruptedException {
        ThreadReport last = of.threadReport(ASK);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            final ThreadReport now = of.threadReport(ASK);
            if (now.pluginThreads().size() == last.pluginThreads().size()) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
