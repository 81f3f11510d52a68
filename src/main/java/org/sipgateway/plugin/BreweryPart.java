package org.sipgateway.plugin;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.sipgateway.callcontrol.BreweryMember;
import org.sipgateway.callcontrol.DialOutDesk;
import org.sipgateway.conference.BreweryRoom;
import org.sipgateway.conference.XmppServerConfig;
import org.sipgateway.gateway.CallRegistry;

/**
 * Membership of Jicofo's Jigasi brewery ({@code sipgateway.brewery.room}; empty: none) on the conference XMPP server,
 * with the brewery's own login ({@code sipgateway.brewery.username}/{@code .password}; empty: the conference login).
 */
final class BreweryPart implements Part {
    static final List<SettingKey<?>> KEYS = keys();

    private final BreweryMember member;
    private final String room;

    BreweryPart(Settings s, String xmppDomain, Supplier<DialOutDesk> desk, CallRegistry calls, BooleanSupplier draining,
            String version) {
        this.room = s.get(DialOutSettings.BREWERY_ROOM);
        if (room.isEmpty()) {
            member = null;
            return;
        }
        XmppServerConfig server = ConferenceSettings.config(s, xmppDomain);
        if (!s.get(DialOutSettings.BREWERY_USERNAME).isEmpty()) {
            server = server.withLogin(s.get(DialOutSettings.BREWERY_USERNAME), s.get(DialOutSettings.BREWERY_PASSWORD));
        }
        member = new BreweryMember(server, room, DialOutSettings.list(s.get(DialOutSettings.BREWERY_TRUSTED)), desk,
                calls, new BreweryMember.Identity(s.get(CallSettings.MAX_CALLS), draining,
                        s.get(DialOutSettings.BREWERY_REGION), version),
                Duration.ofSeconds(s.get(DialOutSettings.BREWERY_REFRESH)));
    }

    @Override
    public String name() {
        return room.isEmpty() ? "brewery (none)" : "brewery " + room;
    }

    @Override
    public void start() {
        if (member != null) {
            member.start();
        }
    }

    @Override
    public void stop() {
        if (member != null) {
            member.close();
        }
    }

    /** Where the membership stands, for the status page and /health; null when not in a brewery. */
    BreweryRoom.Status status() {
        return member == null ? null : member.status();
    }

    String room() {
        return room;
    }

    /** Report the load now (graceful shutdown switched). */
    void refresh() {
        if (member != null) {
            member.refresh();
        }
    }

    private static List<SettingKey<?>> keys() {
        final java.util.ArrayList<SettingKey<?>> keys = new java.util.ArrayList<>(DialOutSettings.BREWERY_KEYS);
        keys.addAll(ConferenceSettings.KEYS);
        keys.add(CallSettings.MAX_CALLS);
        return List.copyOf(keys);
    }
}
