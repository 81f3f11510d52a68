package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** Over the configured limits a call is refused at once with the status a SIP proxy understands. */
class DialInLimitsIT {
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-limits")
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.max-calls", "2")
                .property("sipgateway.max-calls-per-room", "1")
                .property("sipgateway.offer-timeout-seconds", "6"));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void aRoomAtItsOccupantLimitGets486NamingTheRoom() throws Exception {
        try (FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(),
                "admin", openfire.options().adminPassword()), "crowded@conference.localhost",
                FocusPeer.RoomSetup.OPEN.withMaxUsers(1))) {
            final String answer = SipProbe.exchange(openfire.sipPort(), invite(openfire.sipPort(), "crowded"), 15_000);
            assertTrue(answer.startsWith("SIP/2.0 486 room crowded@conference.localhost is full"), answer);
            assertEquals(1, focus.muc().getOccupants().size(), "nobody but the focus in the room");
        }
    }

    @Test
    void aSecondCallIntoAFullRoomGets486AndOverTheGatewayLimit503() throws Exception {
        final int port = openfire.sipPort();
        // calls that wait in their rooms (no focus there: each ends with 480 after the offer timeout)
        final CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> SipProbe.exchange(port, invite(port, "full"), 20_000));
        Thread.sleep(1_500);
        final String sameRoom = SipProbe.exchange(port, invite(port, "full"), 5_000);
        assertTrue(sameRoom.startsWith("SIP/2.0 486 Room full@conference.localhost already has 1 phone calls"),
                "second call into the full room: " + sameRoom);

        final CompletableFuture<String> second = CompletableFuture.supplyAsync(
                () -> SipProbe.exchange(port, invite(port, "other"), 20_000));
        Thread.sleep(1_500);
        final String third = SipProbe.exchange(port, invite(port, "third"), 5_000);
        assertTrue(third.startsWith("SIP/2.0 503 Gateway at capacity (2 calls)"), third);

        assertTrue(first.get(30, TimeUnit.SECONDS).startsWith("SIP/2.0 480"), "the waiting calls end normally");
        assertTrue(second.get(30, TimeUnit.SECONDS).startsWith("SIP/2.0 480"));
        // the places (gateway and room) come back once both legs of those calls are closed, a moment after the 480
        String afterwards = "";
        for (int attempt = 0; attempt < 20; attempt++) {
            afterwards = SipProbe.exchange(port, invite(port, "full"), 15_000);
            if (!afterwards.startsWith("SIP/2.0 503") && !afterwards.startsWith("SIP/2.0 486")) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(afterwards.startsWith("SIP/2.0 480"), "places are given back: the room admits a call again, "
                + afterwards);
    }

    static String invite(int port, String room) {
        final String id = UUID.randomUUID().toString();
        final String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return "INVITE sip:gateway@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@LOCALPORT@;branch=z9hG4bK" + id.substring(0, 8) + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:tester@127.0.0.1>;tag=" + id.substring(9, 13) + "\r\n"
                + "To: <sip:gateway@127.0.0.1>\r\nCall-ID: " + id + "@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:tester@127.0.0.1:@LOCALPORT@>\r\nJitsi-Conference-Room: " + room + "\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }
}
