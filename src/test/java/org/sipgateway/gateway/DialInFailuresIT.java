package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** Calls that cannot be bridged get a SIP status and reason that say why, and leave nothing behind. */
class DialInFailuresIT {
    private static final int OFFER_TIMEOUT_SECONDS = 3;
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-failures")
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.offer-timeout-seconds", Integer.toString(OFFER_TIMEOUT_SECONDS)));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void noRoomHeaderAndNoDefaultRoomGets404NamingTheHeaderAndJoinsNothing() throws Exception {
        final String reply = SipProbe.exchange(openfire.sipPort(), invite(""), 5_000);
        assertTrue(reply.startsWith("SIP/2.0 404 No conference room given: send the Jitsi-Conference-Room header"),
                reply);
        try (TestXmppClient admin = admin()) {
            final DiscoverItems rooms = ServiceDiscoveryManager.getInstanceFor(admin.connection())
                    .discoverItems(JidCreate.from("conference.localhost"));
            assertEquals(0, rooms.getItems().size(), "no room was created or joined");
        }
    }

    @Test
    void malformedRoomHeaderGets400NamingIt() {
        final String reply = SipProbe.exchange(openfire.sipPort(), invite("Jitsi-Conference-Room: two words\r\n"), 5_000);
        assertTrue(reply.startsWith("SIP/2.0 400 Invalid conference room 'two words' in Jitsi-Conference-Room header"),
                reply);
    }

    @Test
    void lockedRoomWithoutItsPasswordIsRefusedWithTheReason() throws Exception {
        try (FocusPeer focus = FocusPeer.createRoom(admin(), "locked@conference.localhost",
                new FocusPeer.RoomSetup("s3cret", false))) {
            final String refused = SipProbe.exchange(openfire.sipPort(),
                    invite("Jitsi-Conference-Room: locked\r\n"), 15_000);
            assertTrue(refused.startsWith("SIP/2.0 403 "), refused);
            assertTrue(refused.toLowerCase().contains("password"), "the reason names the password: " + refused);

            final String withPassword = SipProbe.exchange(openfire.sipPort(),
                    invite("Jitsi-Conference-Room: locked\r\nJitsi-Conference-Room-Pass: s3cret\r\n"), 20_000);
            assertTrue(focus.awaitGateway() != null, "with the password the gateway got into the room");
            // the focus peer sends no offer here, so the call ends when the offer timeout runs out
            assertTrue(withPassword.startsWith("SIP/2.0 480 "), withPassword);
        }
    }

    @Test
    void noOfferFromTheFocusEndsWith480AfterTheTimeout() {
        final long start = System.nanoTime();
        final String reply = SipProbe.exchange(openfire.sipPort(), invite("Jitsi-Conference-Room: nofocus\r\n"), 20_000);
        final long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(reply.startsWith("SIP/2.0 480 The conference did not invite the gateway within "
                + OFFER_TIMEOUT_SECONDS + " s"), reply);
        assertTrue(seconds >= OFFER_TIMEOUT_SECONDS - 1, "the gateway waited for the offer: " + seconds + " s");
    }

    private static String invite(String extraHeaders) {
        final String id = UUID.randomUUID().toString();
        final String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=sendrecv\r\n";
        return "INVITE sip:gateway@127.0.0.1:" + openfire.sipPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@LOCALPORT@;branch=z9hG4bK" + id.substring(0, 8) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Tester\" <sip:tester@127.0.0.1>;tag=" + id.substring(9, 13) + "\r\n"
                + "To: <sip:gateway@127.0.0.1>\r\n"
                + "Call-ID: " + id + "@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:tester@127.0.0.1:@LOCALPORT@>\r\n"
                + extraHeaders
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static TestXmppClient admin() throws Exception {
        return TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword());
    }
}
