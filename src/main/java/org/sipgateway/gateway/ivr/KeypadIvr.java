package org.sipgateway.gateway.ivr;

import java.time.Duration;

/**
 * The keypad dialogue of one call. It plays a prompt and collects digits until {@code #}, a pause longer than the
 * digit timeout, or the end of the entry time, then reports what was typed; the call checks it and answers with
 * {@link #rejected()} (prompt again), {@link #joining()} or {@link #giveUp}. A digit stops the prompt that is
 * playing (barge-in); {@code *} starts the entry over. After the configured attempts the goodbye prompt plays and
 * then {@link Listener#gaveUp} tells the call to hang up. Not thread-safe: every method and every timer runs on the
 * call's serial executor.
 */
public final class KeypadIvr {
    /** What the caller is asked for. */
    public enum Entry { PIN, ROOM_PASSWORD }

    /** What the dialogue reports to the call. */
    public interface Listener {
        /** The caller typed {@code digits} (without the {@code #}): answer with rejected(), joining() or giveUp(). */
        void entered(Entry entry, String digits);

        /** The goodbye prompt has played: end the call, telling the phone {@code reason}. */
        void gaveUp(String reason);
    }

    /** The phone's side of the call, where prompts play. */
    public interface Output {
        /** Plays after whatever is playing already. */
        void play(Prompt prompt);

        /** Stops the prompt now and forgets the queued ones. */
        void stop();
    }

    /** Runs a task on the call's executor after a delay; the returned action cancels it. */
    @FunctionalInterface
    public interface Timers {
        Runnable schedule(Duration delay, Runnable task);
    }

    private static final int MAX_DIGITS = 32;
    /** After the goodbye prompt: its last frames are still on their way to the phone. */
    private static final Duration GOODBYE_TAIL = Duration.ofMillis(300);

    private final IvrConfig config;
    private final PromptLibrary prompts;
    private final Output out;
    private final Timers timers;
    private final Listener listener;
    private final StringBuilder typed = new StringBuilder();
    private Entry entry = Entry.PIN;
    private int failures;
    private boolean collecting;
    private boolean closed;
    private int round; // moves on with every prompt, entry and goodbye: timers of an earlier round do nothing
    private Runnable cancelEntryTimer = () -> { };
    private Runnable cancelDigitTimer = () -> { };

    public KeypadIvr(IvrConfig config, PromptLibrary prompts, Output out, Timers timers, Listener listener) {
        this.config = config;
        this.prompts = prompts;
        this.out = out;
        this.timers = timers;
        this.listener = listener;
    }

    /** Asks for the meeting PIN. */
    public void askPin() {
        ask(Entry.PIN);
    }

    /** Asks for the room password (the room refused us without one). */
    public void askRoomPassword() {
        ask(Entry.ROOM_PASSWORD);
    }

    /** What was typed is wrong: prompt again, or say goodbye after the last attempt. */
    public void rejected() {
        if (++failures >= config.attempts()) {
            goodbye("wrong " + label() + " entered " + failures + (failures == 1 ? " time" : " times"));
            return;
        }
        prompt(entry == Entry.PIN ? PromptName.WRONG_PIN : PromptName.WRONG_PASSWORD, askFor(entry));
    }

    /** The entry was right: the caller hears that the meeting is coming; digits mean nothing from here on. */
    public void joining() {
        stopCollecting();
        out.stop();
        out.play(prompts.get(PromptName.JOINING));
    }

    /** The call cannot go on (no room for it, a lookup failed): goodbye prompt, then {@link Listener#gaveUp}. */
    public void giveUp(String reason) {
        goodbye(reason);
    }

    /** A digit from the phone (RFC 4733 or SIP INFO). */
    public void digit(char digit) {
        if (!collecting) {
            return;
        }
        out.stop(); // the caller knows what to type: stop talking
        if (digit == '#') {
            submit();
        } else if (digit == '*') {
            typed.setLength(0);
            cancelDigitTimer.run();
        } else if (digit >= '0' && digit <= '9') {
            typed.append(digit);
            if (typed.length() >= MAX_DIGITS) {
                submit();
            } else {
                armDigitTimer();
            }
        } // A-D mean nothing here
    }

    /** True while the caller is expected to type. */
    public boolean collecting() {
        return collecting;
    }

    /** Stops every timer; nothing is reported after this. */
    public void close() {
        closed = true;
        stopCollecting();
    }

    private void ask(Entry what) {
        entry = what;
        failures = 0;
        out.stop();
        prompt(askFor(what));
    }

    private static PromptName askFor(Entry what) {
        return what == Entry.PIN ? PromptName.ENTER_PIN : PromptName.ENTER_PASSWORD;
    }

    private void prompt(PromptName... names) {
        stopCollecting();
        typed.setLength(0);
        collecting = true;
        Duration talk = Duration.ZERO;
        for (PromptName name : names) {
            final Prompt prompt = prompts.get(name);
            out.play(prompt);
            talk = talk.plus(prompt.duration());
        }
        final int now = round;
        cancelEntryTimer = timers.schedule(talk.plus(config.entryTimeout()), () -> {
            if (now == round && !closed) {
                timedOut();
            }
        });
    }

    private void armDigitTimer() {
        cancelDigitTimer.run();
        final int now = round;
        final int length = typed.length();
        cancelDigitTimer = timers.schedule(config.digitTimeout(), () -> {
            if (now == round && !closed && typed.length() == length) {
                timedOut();
            }
        });
    }

    private void timedOut() {
        if (typed.length() > 0) {
            submit(); // the caller forgot the '#'
        } else {
            noInput();
        }
    }

    private void noInput() {
        if (++failures >= config.attempts()) {
            goodbye("no " + label() + " entered (" + failures + (failures == 1 ? " try)" : " tries)"));
            return;
        }
        prompt(askFor(entry));
    }

    private void submit() {
        if (typed.length() == 0) {
            noInput(); // '#' alone
            return;
        }
        final String digits = typed.toString();
        stopCollecting();
        listener.entered(entry, digits);
    }

    private void goodbye(String reason) {
        stopCollecting();
        out.stop();
        final Prompt bye = prompts.get(PromptName.GOODBYE);
        out.play(bye);
        final int now = round;
        cancelEntryTimer = timers.schedule(bye.duration().plus(GOODBYE_TAIL), () -> {
            if (now == round && !closed) {
                listener.gaveUp(reason);
            }
        });
    }

    private void stopCollecting() {
        collecting = false;
        round++;
        cancelEntryTimer.run();
        cancelDigitTimer.run();
        cancelEntryTimer = () -> { };
        cancelDigitTimer = () -> { };
    }

    private String label() {
        return entry == Entry.PIN ? "PIN" : "room password";
    }
}
