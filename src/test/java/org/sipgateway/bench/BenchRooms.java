package org.sipgateway.bench;

import java.util.ArrayList;
import java.util.List;
import org.sipgateway.media.RtpReception;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The benchmark's conferences: calls spread over rooms of {@value #CALLS_PER_ROOM}, as a deployment's calls are,
 * each room owned by its own focus ({@link FocusPeer}) that answers every caller with a bridge peer sending 3 Opus
 * speakers ({@link AutoFocus}). One room for everything would make Openfire's MUC presence fan-out grow with the
 * square of N and be counted as the gateway's cost per call.
 */
final class BenchRooms implements AutoCloseable {
    static final int CALLS_PER_ROOM = 10;
    private static final int SPEAKERS = 3;
    private final List<FocusPeer> foci = new ArrayList<>();
    private final List<AutoFocus> autoFoci = new ArrayList<>();

    private BenchRooms() {
    }

    /** Enough rooms for {@code maxCalls} callers. */
    static BenchRooms create(OpenfireFixture openfire, int maxCalls) throws Exception {
        final BenchRooms rooms = new BenchRooms();
        try {
            for (int r = 0; r < Math.max(1, (maxCalls + CALLS_PER_ROOM - 1) / CALLS_PER_ROOM); r++) {
                final FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword(), "focus-" + name(r)),
                        name(r) + "@conference.localhost", FocusPeer.RoomSetup.OPEN);
                rooms.foci.add(focus);
                rooms.autoFoci.add(AutoFocus.start(focus, SPEAKERS));
            }
            return rooms;
        } catch (Exception e) {
            rooms.close();
            throw e;
        }
    }

    int size() {
        return foci.size();
    }

    /** The room of each of {@code calls} callers, for their Jitsi-Conference-Room header: the rooms filled in turn. */
    List<String> roomsOf(int calls) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            out.add(name(Math.min(i / CALLS_PER_ROOM, foci.size() - 1)));
        }
        return out;
    }

    /** The room the latency probe calls into: the first, with the first ten sipp callers. */
    String probeRoomName() {
        return name(0);
    }

    private static String name(int room) {
        return "bench" + room;
    }

    /** The first room's focus: the latency probe calls into it. */
    AutoFocus probeRoom() {
        return autoFoci.get(0);
    }

    int offersAccepted() {
        return autoFoci.stream().mapToInt(AutoFocus::offersAccepted).sum();
    }

    long uplinkPackets() {
        return autoFoci.stream().mapToLong(AutoFocus::uplinkPackets).sum();
    }

    /** Every room's uplink reception: packets summed, mean jitter over all open streams, the highest jitter. */
    AutoFocus.UplinkReception uplinkReception() {
        long expected = 0;
        long received = 0;
        double jitterSum = 0;
        double jitterMax = 0;
        int streams = 0;
        for (AutoFocus a : autoFoci) {
            final AutoFocus.UplinkReception u = a.uplinkReception();
            expected += u.totals().expected();
            received += u.totals().received();
            jitterSum += u.meanJitterMillis() * u.streams();
            jitterMax = Math.max(jitterMax, u.totals().jitterMillis());
            streams += u.streams();
        }
        return new AutoFocus.UplinkReception(new RtpReception.Counts(expected, received, jitterMax),
                streams == 0 ? 0 : jitterSum / streams, streams);
    }

    /** Fails with the first offer that went wrong in any room. */
    void assertNoFailures() {
        autoFoci.forEach(AutoFocus::assertNoFailures);
    }

    @Override
    public void close() throws InterruptedException {
        for (AutoFocus a : autoFoci) {
            a.close();
        }
        foci.forEach(FocusPeer::close);
    }
}
