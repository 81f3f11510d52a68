package org.sipgateway.testkit.sip;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program started by a test: output to a log in the run dir, stopped by its own PID only. */
public final class ExternalProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ExternalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code dir}; stdout+stderr go to {@code <name>.log}. */
    public static ExternalProcess start(String name, RunDir dir, List<String> command) {
        requireProgram(command.get(0));
        Path log = dir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.path().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ExternalProcess(name, p, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + command + "): " + e.getMessage(), e);
        }
    }

    /** Fails with the Debian package to install when a program is not on the PATH. */
    public static void requireProgram(String program) {
        if (program.contains("/") ? new File(program).canExecute() : onPath(program)) {
            return;
        }
        String pkg = switch (program) {
            case "sipp" -> "sip-tester";
            case "baresip" -> "baresip-core";
            default -> program;
        };
        throw new IllegalStateException("program '" + program + "' not found: apt-get install " + pkg
                + " (see docs/CONFIGURATION.md, SIP tests)");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return new File("/usr/sbin", program).canExecute();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for exit; returns the exit code or throws naming the program and its log. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError(name + " did not finish within " + timeout + "; log: " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
    }

    /** SIGKILL at once: the program vanishes without saying goodbye (a phone losing power). */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM to this PID (and its children), then SIGKILL after 5 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bounded wait for a condition, polling every 50 ms. */
    public static boolean waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
