package org.sipgateway.callcontrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sipgateway.callcontrol.DialDecision.Refusal;
import org.sipgateway.gateway.DialOutQuota;

/**
 * Who may dial what, and how much: a gateway that dials out for anyone is a toll-fraud machine, so
 * everything is refused unless a rule allows it. Limits count dial-outs in progress and started in
 * the last hour, per room and for the whole gateway. A started dial holds a {@link Permit} until it ends: its place
 * among those in progress from the start, its hourly place only once the requester passed its check in the room
 * ({@link Permit#take}), given back when the phone never rang.
 */
public final class DialPolicy {
    /** Who may ask for a dial-out. */
    public enum Who { MODERATORS, OCCUPANTS }

    /**
     * @param allowed      full-match patterns for the target's canonical form; empty: nothing may be dialled
     * @param who          moderators only, or any occupant
     * @param domains      when not empty, only requesters whose JID is on one of these domains
     * @param mucServices  when not empty, only rooms of these MUC services (the configured conferences)
     * @param starAndHash  whether numbers may have {@code *} and {@code #} (service codes of a PBX or carrier)
     * @param maxPerRoom   dial-outs in progress in one room
     * @param maxTotal     dial-outs in progress on the gateway
     * @param perHourRoom  dial-outs started in one room in the last hour
     * @param perHourTotal dial-outs started on the gateway in the last hour
     */
    public record Rules(List<Pattern> allowed, Who who, Set<String> domains, Set<String> mucServices,
            boolean starAndHash, int maxPerRoom, int maxTotal, int perHourRoom, int perHourTotal) {
        public Rules {
            allowed = List.copyOf(allowed);
            domains = Set.copyOf(domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
            mucServices = Set.copyOf(mucServices.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
        }

        /**
         * Compiles comma-separated patterns; the error names the bad one. Only commas outside {@code {}},
         * {@code []} and {@code ()} separate, so {@code [0-9]{6,14}} stays one pattern.
         */
        public static List<Pattern> patterns(String commaSeparated) {
            return splitTopLevel(commaSeparated).stream().map(String::trim).filter(p -> !p.isEmpty())
                    .map(p -> {
                        try {
                            return Pattern.compile(p);
                        } catch (PatternSyntaxException e) {
                            throw new IllegalArgumentException("'" + p + "' is not a valid regular expression: "
                                    + e.getDescription());
                        }
                    }).toList();
        }
    }

    private static List<String> splitTopLevel(String text) {
        final List<String> parts = new java.util.ArrayList<>();
        final StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static final Duration HOUR = Duration.ofHours(1);

    private final Rules rules;
    private final Clock clock;
    private final Map<String, Integer> inProgress = new HashMap<>();
    private final Map<String, Deque<Instant>> startedByRoom = new HashMap<>();
    private final Deque<Instant> started = new ArrayDeque<>();
    private int total;

    public DialPolicy(Rules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public Rules rules() {
        return rules;
    }

    /** The decision, and when allowed, the permit the dial holds until it ends. */
    public record Admission(DialDecision decision, Permit permit) {
    }

    /**
     * Decides and, when allowed, counts the dial as in progress. The hourly limits are only looked at here: the dial
     * counts against them once {@link Permit#take} says so, after the requester's check in the room.
     */
    public synchronized Admission admit(DialRequest request) {
        final DialDecision decision = judge(request);
        if (!decision.allowed()) {
            return new Admission(decision, null);
        }
        total++;
        inProgress.merge(request.room(), 1, Integer::sum);
        return new Admission(decision, new Permit(request.room()));
    }

    private DialDecision judge(DialRequest r) {
        if (rules.allowed().isEmpty()) {
            return DialDecision.refuse(Refusal.FORBIDDEN,
                    "Dial-out is disabled on this gateway: no number or SIP URI is allowed");
        }
        if (!r.vouched() && !rules.mucServices().isEmpty() && !rules.mucServices().contains(r.roomService())) {
            return DialDecision.refuse(Refusal.FORBIDDEN, "Dial-out is limited to rooms of "
                    + String.join(", ", rules.mucServices().stream().sorted().toList()) + ", and " + r.room()
                    + " is not one");
        }
        if (!r.vouched() && rules.who() == Who.MODERATORS && !r.moderator()) {
            return DialDecision.refuse(Refusal.FORBIDDEN, "Only moderators may dial out");
        }
        if (!r.vouched() && !rules.domains().isEmpty()
                && !rules.domains().contains(r.requesterDomain().toLowerCase(Locale.ROOT))) {
            return DialDecision.refuse(Refusal.FORBIDDEN, "Dial-out is limited to users of "
                    + String.join(", ", rules.domains().stream().sorted().toList()));
        }
        if (rules.allowed().stream().noneMatch(p -> p.matcher(r.target().canonical()).matches())) {
            return DialDecision.refuse(Refusal.FORBIDDEN, r.target() + " may not be dialled from this gateway");
        }
        if (inProgress.getOrDefault(r.room(), 0) >= rules.maxPerRoom()) {
            return DialDecision.refuse(Refusal.RESOURCE_CONSTRAINT, "This room already has " + rules.maxPerRoom()
                    + " dial-outs in progress");
        }
        if (total >= rules.maxTotal()) {
            return DialDecision.refuse(Refusal.RESOURCE_CONSTRAINT, "The gateway already has " + rules.maxTotal()
                    + " dial-outs in progress");
        }
        final String hourly = hourlyLimitReached(r.room());
        return hourly == null ? DialDecision.allow() : DialDecision.refuse(Refusal.RESOURCE_CONSTRAINT, hourly);
    }

    /** Why the room or the gateway may start no more dial-outs this hour, or null. */
    private String hourlyLimitReached(String room) {
        forgetOlderThanAnHour();
        if (startedByRoom.getOrDefault(room, new ArrayDeque<>()).size() >= rules.perHourRoom()) {
            return "This room reached its limit of " + rules.perHourRoom() + " dial-outs per hour";
        }
        if (started.size() >= rules.perHourTotal()) {
            return "The gateway reached its limit of " + rules.perHourTotal() + " dial-outs per hour";
        }
        return null;
    }

    private void forgetOlderThanAnHour() {
        final Instant cutoff = clock.instant().minus(HOUR);
        while (!started.isEmpty() && started.peekFirst().isBefore(cutoff)) {
            started.removeFirst();
        }
        startedByRoom.values().forEach(q -> {
            while (!q.isEmpty() && q.peekFirst().isBefore(cutoff)) {
                q.removeFirst();
            }
        });
        startedByRoom.values().removeIf(Deque::isEmpty);
    }

    /**
     * Held while a dial-out is in progress; closing it (once) frees its place, and its hourly place too unless the
     * phone rang: a dial refused in the room or failed before ringing costs no allowance.
     */
    public final class Permit implements DialOutQuota {
        private final String room;
        private Instant takenAt;
        private boolean rang;
        private boolean closed;

        private Permit(String room) {
            this.room = room;
        }

        @Override
        public Optional<String> take() {
            synchronized (DialPolicy.this) {
                if (closed || takenAt != null) {
                    return Optional.empty();
                }
                final String reached = hourlyLimitReached(room);
                if (reached != null) {
                    return Optional.of(reached);
                }
                takenAt = clock.instant();
                started.addLast(takenAt);
                startedByRoom.computeIfAbsent(room, r -> new ArrayDeque<>()).addLast(takenAt);
                return Optional.empty();
            }
        }

        @Override
        public void rang() {
            synchronized (DialPolicy.this) {
                rang = true;
            }
        }

        @Override
        public void close() {
            synchronized (DialPolicy.this) {
                if (closed) {
                    return;
                }
                closed = true;
                total--;
                inProgress.computeIfPresent(room, (k, n) -> n <= 1 ? null : n - 1);
                if (takenAt != null && !rang) {
                    started.removeLastOccurrence(takenAt);
                    final Deque<Instant> inRoom = startedByRoom.get(room);
                    if (inRoom != null) {
                        inRoom.removeLastOccurrence(takenAt);
                    }
                    startedByRoom.values().removeIf(Deque::isEmpty);
                }
            }
        }
    }
}
