package org.sipgateway.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.testkit.sip.CallEvents;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.sip.TestGateway;

/** RFC 4028 session timers with short intervals (min-se 2 s: test-only values). */
class SessionTimerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static SipConfig.Builder shortTimers() {
        return SipConfig.builder().trustedPeers("127.0.0.1").minSessionExpiresSeconds(2).sessionExpiresSeconds(1800);
    }

    @Test
    void callerThatStopsRefreshingGetsByeAfterTheInterval(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(shortTimers())) {
            CallEvents events = gw.answerAll(false);
            long start = System.nanoTime();
            Sipp.Result r = Sipp.scenario(run, "uac_session_timer_expire.xml").target(gw.port()).service("1").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("ended SESSION_EXPIRED 0", events.await("ended", WAIT));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 2500, "BYE came too early (" + ms + " ms): interval 4 s minus 1/3");
            assertTrue(r.messages().contains("Session-Expires: 4;refresher=uac"), r.describe());
            assertTrue(r.messages().contains("Require: timer"), r.describe());
        }
    }

    @Test
    void refreshesByReInviteAndUpdateKeepTheCall(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(shortTimers())) {
            CallEvents events = gw.answerAll(false);
            Sipp.Result r = Sipp.scenario(run, "uac_session_timer_refresh.xml").target(gw.port()).service("2").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("ended REMOTE_HANGUP 200", events.await("ended", WAIT));
        }
    }

    @Test
    void asCallerTheGatewayRefreshesWhenTheCalleeMakesItRefresher(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp callee = Sipp.scenario(run, "uas_session_timer.xml").start();
             TestGateway gw = TestGateway.start(shortTimers())) {
            CallEvents events = new CallEvents();
            SipCall call = gw.service().dial("sip:st@127.0.0.1:" + callee.port(), Map.of(), gw.media(), events);
            events.await("answered PCMU", WAIT);
            // refresh due at 2 s; wait past it, then hang up
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertEquals(CallState.ESTABLISHED, call.state());
            call.hangup("done");
            Sipp.Result r = callee.await(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
        }
    }
}
