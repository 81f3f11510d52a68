package org.sipgateway.callcontrol;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sipgateway.callcontrol.RayoAnswer.Condition;
import org.sipgateway.conference.BreweryRoom;
import org.sipgateway.conference.XmppServerConfig;
import org.sipgateway.gateway.CallInfo;
import org.sipgateway.gateway.CallRegistry;
import org.sipgateway.gateway.DialOutTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This gateway as a member of Jicofo's Jigasi brewery: reports its load in the brewery room (the colibri stats Jicofo
 * picks the least loaded gateway by, JITSI-WIRE.md) on every call that starts or ends and every few seconds, and
 * takes the dials Jicofo forwards from the brewery room. Only the focus may dial: the brewery occupant whose real JID
 * is a focus JID ({@code sipgateway.xmpp.focus-jids}, Jicofo's login), or an explicitly trusted JID; any other occupant
 * of the brewery room (another gateway, a Jibri, anyone who got in) and anyone outside it gets forbidden.
 */
public final class BreweryMember implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BreweryMember.class);

    /** What the load report says besides the calls: capacity, draining, region, version. */
    public record Identity(int maxCalls, BooleanSupplier draining, String region, String version) {
    }

    private final String roomJid;
    private final XmppServerConfig server;
    private final Set<String> trusted;
    private final Supplier<DialOutDesk> desk;
    private final CallRegistry calls;
    private final Identity identity;
    private final BreweryRoom room;
    private final Runnable callsChanged;

    public BreweryMember(XmppServerConfig server, String roomJid, Set<String> trustedJids, Supplier<DialOutDesk> desk,
            CallRegistry calls, Identity identity, Duration refresh) {
        this.roomJid = roomJid;
        this.server = server;
        this.trusted = Set.copyOf(trustedJids.stream().map(j -> j.toLowerCase(Locale.ROOT)).toList());
        this.desk = desk;
        this.calls = calls;
        this.identity = identity;
        this.room = new BreweryRoom(server, roomJid, this::stats, refresh, this::dial);
        this.callsChanged = room::statsChanged;
    }

    public void start() {
        calls.addListener(callsChanged);
        room.start();
    }

    public BreweryRoom.Status status() {
        return room.status();
    }

    public String occupantJid() {
        return room.occupantJid();
    }

    /** Sends the load report now (e.g. graceful shutdown switched). */
    public void refresh() {
        room.statsChanged();
    }

    /** The colibri stats: conferences and participants with phone calls, stress, and what this gateway offers. */
    Map<String, String> stats() {
        final List<CallInfo> live = calls.snapshot();
        final Map<String, String> stats = new LinkedHashMap<>();
        stats.put("conferences", String.valueOf(live.stream().map(CallInfo::room).distinct().count()));
        stats.put("participants", String.valueOf(live.size()));
        stats.put("stress_level", String.format(Locale.ROOT, "%.3f", live.size() / (double) identity.maxCalls()));
        stats.put("graceful_shutdown", String.valueOf(identity.draining().getAsBoolean()));
        if (!identity.region().isEmpty()) {
            stats.put("region", identity.region());
        }
        stats.put("version", identity.version());
        stats.put("supports_sip", "true");
        stats.put("supports_transcription", "false");
        return stats;
    }

    private void dial(BreweryRoom.ForwardedDial dial, Consumer<BreweryRoom.Answer> reply) {
        if (!trusts(dial)) {
            LOG.warn("Dial to {} from {} refused: not the brewery room's focus ({}) nor a trusted JID (real JID {})",
                    DialOutTarget.printable(String.valueOf(dial.to())), dial.from(), String.join(", ", server.focusJids()),
                    dial.realJid() == null ? "hidden" : dial.realJid());
            reply.accept(answer(RayoAnswer.error(Condition.FORBIDDEN, "only the focus in the brewery room " + roomJid
                    + " (" + String.join(", ", server.focusJids().stream().sorted().toList())
                    + ") or a trusted JID may forward dials to this gateway")));
            return;
        }
        final DialOutDesk d = desk.get();
        if (d == null) {
            reply.accept(answer(RayoAnswer.error(Condition.SERVICE_UNAVAILABLE, "dial-out is not running on this gateway")));
            return;
        }
        d.dial(new RayoDial(dial.to(), dial.source(), dial.room(), dial.roomPassword(), dial.from()), DialOutDesk.Path.FOCUS)
                .whenComplete((a, failure) -> reply.accept(failure == null ? answer(a)
                        : answer(RayoAnswer.error(Condition.INTERNAL_SERVER_ERROR, "dial-out failed: " + failure))));
    }

    /**
     * The brewery occupant whose real JID is the focus's (Jicofo sends from its occupant JID), or a trusted JID, as the
     * sender's real JID or as delivered. An occupant whose real JID the room hides is nobody we trust.
     */
    private boolean trusts(BreweryRoom.ForwardedDial dial) {
        if (dial.occupant() && dial.realJid() != null && server.isFocus(bare(dial.realJid()))) {
            return true;
        }
        return isTrusted(dial.from()) || dial.realJid() != null && isTrusted(dial.realJid());
    }

    private boolean isTrusted(String jid) {
        final String lower = jid.toLowerCase(Locale.ROOT);
        return trusted.contains(lower) || trusted.contains(bare(lower));
    }

    private static String bare(String jid) {
        final int slash = jid.indexOf('/');
        return (slash < 0 ? jid : jid.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    private static BreweryRoom.Answer answer(RayoAnswer a) {
        return a.isError() ? new BreweryRoom.Answer(null, a.condition().constantName(), a.text())
                : new BreweryRoom.Answer(a.refUri(), null, null);
    }

    @Override
    public void close() {
        calls.removeListener(callsChanged);
        room.close();
    }
}
