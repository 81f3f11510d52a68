package org.sipgateway.gateway.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keypad dialogue against a clock the test moves: what plays, what is reported, and when. */
class KeypadIvrTest {
    private static final PromptLibrary PROMPTS = PromptLibrary.load("en", null);
    private static final IvrConfig CONFIG = new IvrConfig("", 3, Duration.ofSeconds(5), Duration.ofSeconds(20), true);

    private final ManualTimers timers = new ManualTimers();
    private final List<String> played = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    private final KeypadIvr ivr = new KeypadIvr(CONFIG, PROMPTS, new KeypadIvr.Output() {
        @Override
        public void play(Prompt prompt) {
            played.add(prompt.name().fileName());
        }

        @Override
        public void stop() {
            played.add("stop");
        }
    }, timers, new KeypadIvr.Listener() {
        @Override
        public void entered(KeypadIvr.Entry entry, String digits) {
            reported.add(entry + " " + digits);
        }

        @Override
        public void gaveUp(String reason) {
            reported.add("gave up: " + reason);
        }
    });

    @Test
    void digitsEndedByHashAreReportedAndTheFirstDigitStopsThePrompt() {
        ivr.askPin();
        assertEquals(List.of("stop", "enter-pin.wav"), played);
        type("12");
        assertEquals("stop", played.get(played.size() - 1), "barge-in");
        type("34#");
        assertEquals(List.of("PIN 1234"), reported);
        assertFalse(ivr.collecting());
        timers.advance(Duration.ofMinutes(5));
        assertEquals(List.of("PIN 1234"), reported, "no timer fires after the entry");
    }

    @Test
    void aPauseAfterTheLastDigitEndsTheEntryAndStarStartsItOver() {
        ivr.askPin();
        type("99*42");
        timers.advance(Duration.ofSeconds(4));
        assertTrue(reported.isEmpty(), "the digit timeout is 5 s");
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of("PIN 42"), reported);
    }

    @Test
    void wrongPinsPromptAgainAndTheThirdEndsWithGoodbyeAfterItHasPlayed() {
        ivr.askPin();
        type("1#");
        ivr.rejected();
        assertEquals(List.of("wrong-pin.wav", "enter-pin.wav"), played.subList(played.size() - 2, played.size()));
        type("2#");
        ivr.rejected();
        type("3#");
        ivr.rejected();
        assertEquals("goodbye.wav", played.get(played.size() - 1));
        type("4#");
        assertEquals(List.of("PIN 1", "PIN 2", "PIN 3"), reported, "digits during goodbye mean nothing");
        timers.advance(PROMPTS.get(PromptName.GOODBYE).duration());
        assertEquals(3, reported.size(), "BYE only once the goodbye has played");
        timers.advance(Duration.ofMillis(300));
        assertEquals("gave up: wrong PIN entered 3 times", reported.get(3));
    }

    @Test
    void nothingTypedAsksAgainAndThenSaysGoodbye() {
        ivr.askPin();
        final Duration prompt = PROMPTS.get(PromptName.ENTER_PIN).duration();
        timers.advance(prompt.plus(Duration.ofSeconds(19)));
        assertEquals(1, played.stream().filter("enter-pin.wav"::equals).count(), "the entry time starts after the prompt");
        timers.advance(Duration.ofSeconds(1));
        assertEquals(2, played.stream().filter("enter-pin.wav"::equals).count(), "asked again");
        ivr.digit('#');
        assertEquals(3, played.stream().filter("enter-pin.wav"::equals).count(), "# alone asks again");
        timers.advance(Duration.ofMinutes(2));
        assertEquals(List.of("gave up: no PIN entered (3 tries)"), reported);
    }

    @Test
    void theRoomPasswordIsAskedWithItsOwnPromptsAndAttempts() {
        ivr.askPin();
        type("1#");
        ivr.rejected();
        type("2#");
        ivr.joining();
        assertEquals("joining.wav", played.get(played.size() - 1));
        type("5");
        ivr.askRoomPassword();
        assertEquals("enter-password.wav", played.get(played.size() - 1));
        type("0000#");
        ivr.rejected();
        assertEquals(List.of("wrong-password.wav", "enter-password.wav"), played.subList(played.size() - 2, played.size()));
        type("4711#");
        assertEquals(List.of("PIN 1", "PIN 2", "ROOM_PASSWORD 0000", "ROOM_PASSWORD 4711"), reported);
    }

    @Test
    void closingStopsEverything() {
        ivr.askPin();
        type("12");
        ivr.close();
        timers.advance(Duration.ofMinutes(5));
        type("3#");
        assertTrue(reported.isEmpty());
        assertEquals(0, timers.pending());
    }

    private void type(String digits) {
        digits.chars().forEach(c -> ivr.digit((char) c));
    }

    /** Timers on a clock that only the test moves; tasks run in due order. */
    static final class ManualTimers implements KeypadIvr.Timers {
        private record Task(long due, long seq, Runnable run) {
        }

        private final List<Task> tasks = new ArrayList<>();
        private long now;
        private long seq;

        @Override
        public Runnable schedule(Duration delay, Runnable task) {
            final Task t = new Task(now + delay.toMillis(), seq++, task);
            tasks.add(t);
            return () -> tasks.remove(t);
        }

        void advance(Duration by) {
            final long until = now + by.toMillis();
            while (true) {
                final Task next = tasks.stream().filter(t -> t.due() <= until)
                        .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq)).orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
                now = next.due();
                next.run().run();
            }
            now = until;
        }

        int pending() {
            return tasks.size();
        }
    }
}
