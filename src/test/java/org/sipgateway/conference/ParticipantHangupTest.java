package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.sipgateway.testkit.jitsi.ParticipantEvents;
import org.sipgateway.testkit.jitsi.RecordingMedia;
import org.sipgateway.testkit.jitsi.ThreadCheck;

/** A caller who hangs up while the participant is still connecting: the attempt is cut at once, nothing is left. */
class ParticipantHangupTest {

    @Test
    void hangupWhileTheServerStallsAbortsTheJoinAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final XmppServerConfig server = new XmppServerConfig("127.0.0.1", silent.getLocalPort(), "localhost", "", "", "",
                    TlsPolicy.DISABLED, Duration.ofSeconds(30), null);
            final ParticipantEvents events = new ParticipantEvents();
            final ConferenceParticipant phone = new ConferenceParticipant(server, ParticipantSpec.of("r", "x"),
                    new RecordingMedia(), events);
            final CompletableFuture<String> joined = phone.join();
            try (Socket accepted = silent.accept()) { // connected; the server never answers the stream header
                final long start = System.nanoTime();
                phone.close();
                final long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5000, "close() took " + millis + " ms although the server stalls for 30 s");
            }
            final ExecutionException e = assertThrows(ExecutionException.class, () -> joined.get(5, TimeUnit.SECONDS));
            assertEquals(EndReason.HANGUP, ((ConferenceFailure) e.getCause()).reason(), e.getCause().getMessage());
            assertEquals(EndReason.HANGUP, events.endReason, events.toString());
            assertEquals(1, events.ended.size());
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }
}
