package org.sipgateway.callcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.TestClock;
import org.sipgateway.callcontrol.DialDecision.Refusal;
import org.sipgateway.callcontrol.DialPolicy.Rules;
import org.sipgateway.callcontrol.DialPolicy.Who;
import org.sipgateway.gateway.DialOutTarget;

class DialPolicyTest {
    private static final String GERMANY = "^\\+49[0-9]{6,14}$";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));

    @Test
    void nothingMayBeDialledUntilSomethingIsAllowed() {
        final DialPolicy policy = policy(new Rules(List.of(), Who.OCCUPANTS, Set.of(), Set.of(), false, 10, 10, 100,
                100));
        final DialDecision d = policy.admit(request("alice@example.com/web", true, "+4930123456")).decision();
        assertEquals(Refusal.FORBIDDEN, d.refusal());
        assertTrue(d.reason().contains("disabled"), d.reason());
    }

    @Test
    void numbersAreNormalisedBeforeTheAllowListIsAsked() {
        final DialPolicy policy = policy(rules(Who.OCCUPANTS, 10, 10));
        assertTrue(policy.admit(request("alice@example.com/web", false, "0049 30-123 456")).decision().allowed());
        assertTrue(policy.admit(request("alice@example.com/web", false, "+49 (30) 123.456")).decision().allowed());
        final DialDecision premium = policy.admit(request("alice@example.com/web", false, "+1 900 555 0100")).decision();
        assertEquals(Refusal.FORBIDDEN, premium.refusal());
        assertTrue(premium.reason().startsWith("+19005550100 may not be dialled"), premium.reason());
    }

    @Test
    void sipUrisAreMatchedWhole() {
        final DialPolicy policy = policy(new Rules(Rules.patterns("sip:[^@]+@pbx\\.example\\.com"), Who.OCCUPANTS,
                Set.of(), Set.of(), false, 10, 10, 100, 100));
        assertTrue(policy.admit(request("a@example.com", false, "sip:200@pbx.example.com")).decision().allowed());
        assertEquals(Refusal.FORBIDDEN,
                policy.admit(request("a@example.com", false, "sip:200@pbx.example.com.evil.net")).decision().refusal());
    }

    @Test
    void moderatorsOnlyRefusesOthersAndDomainsAreChecked() {
        final DialPolicy mods = policy(rules(Who.MODERATORS, 10, 10));
        final DialDecision d = mods.admit(request("guest@example.com/web", false, "+4930123456")).decision();
        assertEquals("Only moderators may dial out", d.reason());
        assertTrue(mods.admit(request("boss@example.com/web", true, "+4930123456")).decision().allowed());

        final DialPolicy staff = policy(new Rules(Rules.patterns(GERMANY), Who.OCCUPANTS, Set.of("Example.com"),
                Set.of(), false, 10, 10, 100, 100));
        assertTrue(staff.admit(request("a@example.com/web", false, "+4930123456")).decision().allowed());
        assertTrue(staff.admit(request("a@guest.example.com/web", false, "+4930123456")).decision().reason()
                .contains("limited to users of example.com"));
    }

    @Test
    void aDialTheFocusVouchedForSkipsWhoAndDomainsButNotTheAllowListOrLimits() {
        final DialPolicy policy = policy(new Rules(Rules.patterns(GERMANY), Who.MODERATORS, Set.of("example.com"),
                Set.of(), false, 1, 10, 100, 100));
        final String focus = "jigasibrewery@internal.auth.meet.example.org/focus";
        final DialRequest vouched = new DialRequest(focus, false, "room1@conference.example.com",
                DialOutTarget.parse("+4930123456", false), true);
        assertTrue(policy.admit(vouched).decision().allowed(), "Jicofo checked the requester");
        assertEquals(Refusal.RESOURCE_CONSTRAINT, policy.admit(vouched).decision().refusal(), "per-room limit of 1");
        assertEquals(Refusal.FORBIDDEN, policy.admit(new DialRequest(focus, false, "room2@conference.example.com",
                DialOutTarget.parse("+15550100", false), true)).decision().refusal(), "the allow-list still holds");
    }

    @Test
    void theEleventhDialOverALimitOfTenIsRefusedAndAPlaceComesBackWhenOneEnds() {
        final DialPolicy policy = policy(rules(Who.OCCUPANTS, 100, 10));
        final List<DialPolicy.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            final DialPolicy.Admission a = policy.admit(request("a@example.com", false, "+4930123456" + i));
            assertTrue(a.decision().allowed(), "dial " + (i + 1));
            permits.add(a.permit());
        }
        final DialDecision eleventh = policy.admit(request("a@example.com", false, "+4930123999")).decision();
        assertEquals(Refusal.RESOURCE_CONSTRAINT, eleventh.refusal());
        assertTrue(eleventh.reason().contains("10 dial-outs in progress"), eleventh.reason());
        permits.get(0).close();
        permits.get(0).close(); // twice frees one place only
        assertTrue(policy.admit(request("a@example.com", false, "+4930123998")).decision().allowed());
        assertTrue(!policy.admit(request("a@example.com", false, "+4930123997")).decision().allowed());
    }

    @Test
    void perRoomAndPerHourLimitsHoldAndTheHourSlides() {
        final DialPolicy policy = policy(new Rules(Rules.patterns(GERMANY), Who.OCCUPANTS, Set.of(), Set.of(), false,
                1, 10, 2, 3));
        final DialPolicy.Permit first = policy.admit(request("a@x", false, "+4930123456")).permit();
        first.take();
        first.rang();
        first.close();
        final DialPolicy.Admission second = policy.admit(request("a@x", false, "+4930123456"));
        assertTrue(second.decision().allowed());
        assertTrue(second.permit().take().isEmpty());
        assertTrue(policy.admit(request("a@x", false, "+4930123456")).decision().reason()
                .contains("already has 1 dial-outs in progress"));
        second.permit().rang();
        second.permit().close();
        assertTrue(policy.admit(request("a@x", false, "+4930123456")).decision().reason()
                .contains("limit of 2 dial-outs per hour"));
        clock.advance(Duration.ofMinutes(61));
        assertTrue(policy.admit(request("a@x", false, "+4930123456")).decision().allowed(), "a new hour");
    }

    @Test
    void badPatternsAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rules.patterns("^\\+49(["))
                .getMessage().contains("'^\\+49([' is not a valid regular expression"));
        assertEquals(2, Rules.patterns("^\\+?4[0-9]{6,14}$, sip:.*@pbx\\.example\\.com").size(),
                "commas inside {6,14} do not split");
    }

    @Test
    void theHourlyPlaceIsTakenOnlyOnceTheRequesterPassedAndComesBackWhenThePhoneNeverRang() {
        final DialPolicy policy = policy(new Rules(Rules.patterns(GERMANY), Who.OCCUPANTS, Set.of(), Set.of(), false,
                10, 10, 1, 1));
        for (int i = 0; i < 5; i++) { // refused in the room: admitted, never taken
            policy.admit(request("stranger@x", false, "+4930123456")).permit().close();
        }
        final DialPolicy.Permit failed = policy.admit(request("a@x", false, "+4930123456")).permit();
        assertTrue(failed.take().isEmpty(), "the requester passed: the hourly place is taken");
        assertTrue(policy.admit(request("a@x", false, "+4930123456")).decision().reason()
                .contains("limit of 1 dial-outs per hour"), "while it is held, the hour is full");
        failed.close(); // 404 before any ringing
        final DialPolicy.Permit rang = policy.admit(request("a@x", false, "+4930123456")).permit();
        assertTrue(rang.take().isEmpty(), "the failed dial gave its place back");
        rang.rang();
        rang.close();
        final DialPolicy.Admission next = policy.admit(request("a@x", false, "+4930123456"));
        assertEquals(Refusal.RESOURCE_CONSTRAINT, next.decision().refusal(), "a call that rang keeps its place");
        clock.advance(Duration.ofMinutes(61));
        final DialPolicy.Permit later = policy.admit(request("a@x", false, "+4930123456")).permit();
        assertTrue(later.take().isEmpty(), "a new hour");
    }

    @Test
    void roomsOfOtherMucServicesAreRefused() {
        final DialPolicy policy = policy(new Rules(Rules.patterns(GERMANY), Who.OCCUPANTS, Set.of(),
                Set.of("conference.example.com"), false, 10, 10, 100, 100));
        assertTrue(policy.admit(request("a@x", false, "+4930123456")).decision().allowed());
        final DialDecision elsewhere = policy.admit(new DialRequest("a@x", false, "room1@muc.evil.example",
                DialOutTarget.parse("+4930123456", false), false)).decision();
        assertEquals(Refusal.FORBIDDEN, elsewhere.refusal());
        assertTrue(elsewhere.reason().contains("limited to rooms of conference.example.com"), elsewhere.reason());
    }

    private DialPolicy policy(Rules rules) {
        return new DialPolicy(rules, clock);
    }

    private static Rules rules(Who who, int perRoom, int total) {
        return new Rules(Rules.patterns(GERMANY), who, Set.of(), Set.of(), false, perRoom, total, 1000, 1000);
    }

    private static DialRequest request(String from, boolean moderator, String to) {
        return new DialRequest(from, moderator, "room1@conference.example.com", DialOutTarget.parse(to, false), false);
    }
}
