package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RoomResolverTest {
    private static final RoomRules RULES = RoomRules.jigasiDefaults("conference.example.com");

    @Test
    void bareRoomHeaderJoinsTheMucServiceLowerCased() throws Exception {
        final RoomTarget target = new RoomResolver(RULES).resolve(headers("jitsi-conference-room", "Room1"), null);
        assertEquals("room1@conference.example.com", target.roomJid());
        assertEquals(RoomTarget.Source.HEADER, target.source());
    }

    @Test
    void fullRoomJidIsTakenAsIsWithPasswordAndToken() throws Exception {
        final RoomTarget target = new RoomResolver(RULES).resolve(headers(
                "Jitsi-Conference-Room", "team@muc.other.org",
                "Jitsi-Conference-Room-Pass", "s3cret",
                "Jitsi-Auth-Token", "eyJ.token"), null);
        assertEquals("team@muc.other.org", target.roomJid());
        assertEquals(Optional.of("s3cret"), target.password());
        assertEquals(Optional.of("eyJ.token"), target.authToken());
        assertTrue(!target.toString().contains("s3cret"), "passwords stay out of logs");
    }

    @Test
    void tenantAndDomainBaseBuildTheMucService() throws Exception {
        final RoomTarget target = new RoomResolver(RULES).resolve(headers(
                "Jitsi-Conference-Room", "standup",
                "Jitsi-Conference-Domain-Base", "meet.example.org",
                "Jitsi-Conference-Tenant", "acme"), null);
        assertEquals("standup@conference.acme.meet.example.org", target.roomJid());
    }

    @Test
    void requestUriUserIsUsedOnlyWhenEnabled() throws Exception {
        final RoomRules byUri = new RoomRules(RoomRules.ROOM_HEADER, RoomRules.PASSWORD_HEADER, RoomRules.TOKEN_HEADER,
                RoomRules.DOMAIN_BASE_HEADER, RoomRules.TENANT_HEADER, true, "", "conference.example.com");
        assertEquals("sales@conference.example.com",
                new RoomResolver(byUri).resolve(headers(), "sales").roomJid());
        assertThrows(NoRoomException.class, () -> new RoomResolver(RULES).resolve(headers(), "sales"));
    }

    @Test
    void headerBeatsDefaultRoomAndDefaultRoomIsTheFallback() throws Exception {
        final RoomRules withDefault = new RoomRules(RoomRules.ROOM_HEADER, RoomRules.PASSWORD_HEADER,
                RoomRules.TOKEN_HEADER, RoomRules.DOMAIN_BASE_HEADER, RoomRules.TENANT_HEADER, false, "lobby",
                "conference.example.com");
        final RoomResolver resolver = new RoomResolver(withDefault);
        assertEquals("lobby@conference.example.com", resolver.resolve(headers(), null).roomJid());
        assertEquals(RoomTarget.Source.DEFAULT_ROOM, resolver.resolve(headers(), null).source());
        assertEquals("x@conference.example.com",
                resolver.resolve(headers("Jitsi-Conference-Room", "x"), null).roomJid());
    }

    @Test
    void noRoomAnywhereIs404NamingTheHeader() {
        final NoRoomException e = assertThrows(NoRoomException.class,
                () -> new RoomResolver(RULES).resolve(headers("Jitsi-Conference-Room", "   "), null));
        assertEquals(404, e.sipStatus());
        assertTrue(e.getMessage().contains("Jitsi-Conference-Room"), e.getMessage());
    }

    @Test
    void customHeaderNameIsHonoured() throws Exception {
        final RoomRules custom = new RoomRules("X-Room", RoomRules.PASSWORD_HEADER, RoomRules.TOKEN_HEADER,
                RoomRules.DOMAIN_BASE_HEADER, RoomRules.TENANT_HEADER, false, "", "conference.example.com");
        assertEquals("abc@conference.example.com",
                new RoomResolver(custom).resolve(headers("x-room", "abc"), null).roomJid());
        final NoRoomException e = assertThrows(NoRoomException.class,
                () -> new RoomResolver(custom).resolve(headers("Jitsi-Conference-Room", "abc"), null));
        assertTrue(e.getMessage().contains("X-Room"));
    }

    @Test
    void malformedRoomsAre400NamingTheInput() {
        for (String bad : new String[] {"a b", "room/1", "<script>", "x@bad domain", "@conference.example.com",
                "a".repeat(1100)}) {
            final NoRoomException e = assertThrows(NoRoomException.class,
                    () -> new RoomResolver(RULES).resolve(headers("Jitsi-Conference-Room", bad), null), bad);
            assertEquals(400, e.sipStatus(), bad);
            assertTrue(e.getMessage().contains("Jitsi-Conference-Room"), e.getMessage());
            assertTrue(e.getMessage().length() < 200, "reason phrases stay short");
        }
    }

    private static Function<String, Optional<String>> headers(String... pairs) {
        final Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i].toLowerCase(Locale.ROOT), pairs[i + 1]);
        }
        return name -> Optional.ofNullable(map.get(name));
    }
}
