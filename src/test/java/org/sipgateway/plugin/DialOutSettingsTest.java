package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipgateway.callcontrol.DialPolicy;

/** The dial-out defaults that keep strangers out: requester domains, the conference MUC service, the focus. */
class DialOutSettingsTest {
    @Test
    void requestersDefaultToThisOpenfireAndTheConferenceDomainAndStarMeansAny() {
        assertEquals(Set.of("localhost"), DialOutSettings.requesterDomains("", "localhost", "LocalHost"));
        assertEquals(Set.of("openfire.example.com", "meet.example.com"),
                DialOutSettings.requesterDomains("", "openfire.example.com", "meet.example.com"));
        assertEquals(Set.of(), DialOutSettings.requesterDomains("*", "openfire.example.com", "meet.example.com"));
        assertEquals(Set.of("staff.example.com"),
                DialOutSettings.requesterDomains("staff.example.com", "openfire.example.com", "meet.example.com"));
    }

    @Test
    void thePolicyLimitsRoomsToTheConferenceMucServiceAndTakesStarAndHashOnlyWhenSet() {
        final Settings plain = Settings.read(Map.of("sipgateway.xmpp.domain", "meet.example.com")::get);
        final DialPolicy.Rules rules = DialOutSettings.policy(plain, Clock.systemUTC(), "openfire.example.com").rules();
        assertEquals(Set.of("conference.meet.example.com"), rules.mucServices());
        assertEquals(Set.of("openfire.example.com", "meet.example.com"), rules.domains());
        assertEquals(false, rules.starAndHash());
        final Settings codes = Settings.read(Map.of("sipgateway.dialout.star-and-hash", "true")::get);
        assertTrue(DialOutSettings.policy(codes, Clock.systemUTC(), "localhost").rules().starAndHash());
    }

    @Test
    void theFocusIsJicofosAccountUnlessConfigured() {
        final Settings plain = Settings.read(Map.of("sipgateway.xmpp.domain", "meet.example.com")::get);
        assertEquals(Set.of("focus@auth.meet.example.com"), ConferenceSettings.config(plain, "localhost").focusJids());
        final Settings own = Settings.read(Map.of("sipgateway.xmpp.focus-jids", "Focus@Example.com, jicofo@auth.x")::get);
        assertEquals(Set.of("focus@example.com", "jicofo@auth.x"), ConferenceSettings.config(own, "localhost").focusJids());
        final Settings bad = Settings.read(Map.of("sipgateway.xmpp.focus-jids", "focus@auth.x/res")::get);
        assertTrue(bad.problems().get(0).message().contains("'focus@auth.x/res' is not a bare JID"),
                bad.problems().toString());
    }
}
