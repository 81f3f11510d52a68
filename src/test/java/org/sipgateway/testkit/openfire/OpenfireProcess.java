package org.sipgateway.testkit.openfire;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Openfire 4.2.0 in its own JVM, with only Openfire's jars on its class path (so the plugin
 * gets no help from the test's libraries). Events come from {@link OpenfireMain}'s HARNESS lines.
 */
public final class OpenfireProcess implements AutoCloseable {
    private final OpenfireOptions options;
    private final Process process;
    private final Thread pump;
    private final List<String> events = new ArrayList<>();
    private int consumed;

    private OpenfireProcess(OpenfireOptions options, Process process) throws IOException {
        this.options = options;
        this.process = process;
        final Path stdoutLog = options.home.resolve("logs/stdout.log");
        final Writer log = Files.newBufferedWriter(stdoutLog, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.pump = new Thread(() -> pump(log), "openfire-stdout-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /** Prepares the home, starts Openfire and returns at once; wait with {@link #awaitEvent}. */
    public static OpenfireProcess start(OpenfireOptions options) throws IOException {
        final Path setup = OpenfireHome.prepare(options);
        final Path home = options.home.toAbsolutePath();
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens");
        command.add("java.base/java.lang=ALL-UNNAMED"); // proxool's pool needs it on Java 17
        command.add("-Xmx768m");
        command.add("-Djava.net.preferIPv4Stack=true");
        // tests reach loopback only: no cloud-metadata or STUN address probes from ICE
        command.add("-Dice4j.harvest.mapping.aws.enabled=false");
        command.add("-Dice4j.harvest.mapping.stun.enabled=false");
        command.add("-DopenfireHome=" + home);
        command.add("-Dlog4j.configuration=file:" + home.resolve("conf/log4j.properties"));
        command.add("-cp");
        command.add(classPath(options));
        command.add(OpenfireMain.class.getName());
        command.add(home.toString());
        command.add(setup.toString());
        final Process process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .start();
        return new OpenfireProcess(options, process);
    }

    private static String classPath(OpenfireOptions options) throws IOException {
        final Path dir = options.openfireDir.toAbsolutePath();
        final Path listFile = dir.resolve("classpath.txt");
        if (!Files.exists(listFile)) {
            throw new IOException(listFile + " is missing: build the project first (mvn -B package)");
        }
        final List<String> entries = new ArrayList<>();
        entries.add(harnessClasses());
        try (Stream<Path> jars = Files.list(dir.resolve(options.bouncyCastle.folder))) {
            jars.sorted().forEach(jar -> entries.add(jar.toString()));
        }
        entries.add(Files.readString(listFile).trim());
        return String.join(File.pathSeparator, entries);
    }

    private static String harnessClasses() {
        try {
            return Path.of(OpenfireMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pump(Writer log) {
        try (log; BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (line.startsWith("HARNESS ")) {
                    synchronized (events) {
                        events.add(line.substring("HARNESS ".length()));
                        events.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; waiters see that through isAlive()
        } finally {
            synchronized (events) {
                events.notifyAll();
            }
        }
    }

    /**
     * Waits for the next event (after those already consumed) that starts with {@code prefix}.
     * Fails with the tail of Openfire's logs when the process dies or the time runs out.
     */
    public String awaitEvent(String prefix, Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                while (consumed < events.size()) {
                    final String event = events.get(consumed++);
                    if (event.startsWith(prefix)) {
                        return event;
                    }
                }
                final long left = deadline - System.nanoTime();
                if (!process.isAlive() && !pump.isAlive()) {
                    throw new IllegalStateException("Openfire exited (code " + process.exitValue()
                            + ") before '" + prefix + "'\n" + logTail());
                }
                if (left <= 0) {
                    throw new IllegalStateException("No '" + prefix + "' from Openfire within " + timeout + "\n" + logTail());
                }
                try {
                    events.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for " + prefix, e);
                }
            }
        }
    }

    /** Waits until the client and component ports accept connections (they open after the plugins load). */
    public void awaitListening(Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : new int[] {options.xmppPort, options.componentPort}) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Openfire is not listening on 127.0.0.1:" + port
                            + " after " + timeout + "\n" + logTail());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks Openfire which threads still belong to the plugin (needs control enabled). */
    public ThreadReport threadReport(Duration timeout) {
        command("threads");
        return ThreadReport.parse(awaitEvent("threads ", timeout));
    }

    /** How many client (c2s) sessions Openfire has: every gateway participant is one. */
    public int clientSessions(Duration timeout) {
        command("sessions");
        return Integer.parseInt(awaitEvent("sessions ", timeout).substring("sessions clients=".length()));
    }

    /** Closes every client (c2s) session except those of user {@code keep}, as a server dropping them; returns how many. */
    public int dropClients(String keep, Duration timeout) {
        command("drop-clients " + keep);
        return Integer.parseInt(awaitEvent("dropped ", timeout).substring("dropped clients=".length()));
    }

    /**
     * How often Openfire's MUC service forgets the users who left its rooms (its own default: every 5 minutes, so each
     * departed caller's MUC user object stays that long).
     */
    public void setMucUserSweep(Duration every, Duration timeout) {
        command("muc-user-sweep " + every.toMillis());
        awaitEvent("muc-user-sweep-set ", timeout);
    }

    /** Creates an account on the running server. */
    public void addUser(String name, String password, Duration timeout) {
        command("add-user " + name + " " + password);
        awaitEvent("user-added " + name, timeout);
    }

    /**
     * Makes Tinder's JID stringprep caches (10,000 nodes and resources each, least recently used out) full, so later
     * heap comparisons see what grows without bound, not caches still filling up to their fixed size.
     */
    public void fillJidCaches(int count, Duration timeout) {
        command("fill-jid-caches " + count);
        awaitEvent("jid-caches-filled ", timeout);
    }

    /** Live objects per class name after a full collection: bytes and count. */
    public java.util.Map<String, long[]> classHistogram(Duration timeout) {
        command("histogram");
        final String table = awaitEvent("histogram ", timeout).substring("histogram ".length());
        final java.util.Map<String, long[]> out = new java.util.HashMap<>();
        for (String entry : table.split(";")) {
            final String[] f = entry.split(" ");
            if (f.length == 3) {
                out.put(f[2], new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
            }
        }
        return out;
    }

    /** Bytes of heap the server's live objects hold, measured after full collections. */
    public long heapAfterGc(Duration timeout) {
        command("heap");
        return Long.parseLong(awaitEvent("heap ", timeout).substring("heap used=".length()));
    }

    /** CPU time (user + system) the Openfire process has used so far, in milliseconds, from /proc. */
    public long cpuMillis() {
        try {
            final String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (proc(5))
            return ticks * 1000 / 100; // USER_HZ is 100 on Linux
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of Openfire (pid " + process.pid() + ")", e);
        }
    }

    /** The Openfire process's resident set size in bytes, from /proc. */
    public long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElseThrow() * 1024;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of Openfire (pid " + process.pid() + ")", e);
        }
    }

    /** How many file descriptors the Openfire process holds open, from /proc. */
    public int openFiles() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the files of Openfire (pid " + process.pid() + ")", e);
        }
    }

    /** What each open file descriptor of the Openfire process points at, for failure messages. */
    public List<String> openFileList() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.map(fd -> {
                try {
                    return fd.getFileName() + " -> " + Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd.getFileName() + " -> ?";
                }
            }).sorted().toList();
        } catch (IOException e) {
            return List.of("(cannot list: " + e.getMessage() + ")");
        }
    }

    /** The Openfire process's TCP and UDP sockets (IPv4 and IPv6), as {@code ss} counts them. */
    public long openSockets() {
        final String list = socketList();
        final long count = list.lines().filter(l -> !l.isBlank()).count();
        // a running Openfire always listens (c2s, component, admin): none seen means ss cannot count, and a leak
        // check comparing nothing with nothing would pass whatever leaked
        if (count == 0 || list.startsWith("(")) {
            throw new IllegalStateException("ss lists no socket of Openfire (pid " + process.pid() + "): " + list.strip()
                    + " (ss is in the Debian package iproute2, which scripts/test installs)");
        }
        return count;
    }

    /** The Openfire process's sockets as {@code ss} lists them, for failure messages. */
    public String socketList() {
        try {
            final Process ss = new ProcessBuilder("ss", "-tuanp").redirectErrorStream(true).start();
            final String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor(5, TimeUnit.SECONDS);
            final String pidTag = "pid=" + process.pid() + ",";
            return out.lines().filter(l -> l.contains(pidTag)).map(l -> l.replaceAll("\\s+", " "))
                    .reduce("", (a, b) -> a + "\n" + b);
        } catch (IOException e) {
            return "(ss failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** Switches the admin console's language, as the admin console's language setting does. */
    public void setLocale(String languageTag, Duration timeout) {
        command("locale " + languageTag);
        awaitEvent("locale-set " + languageTag, timeout);
    }

    /** Sets an Openfire system property in the running server, as the admin console would. */
    public void setProperty(String name, String value, Duration timeout) {
        command("property " + name + " " + value);
        awaitEvent("property-set " + name, timeout);
    }

    /**
     * The rows of a SELECT on Openfire's database (e.g. the plugin's table {@code ofSipGwRoomPin}, or how a property is
     * stored in {@code ofProperty}); SQL NULL comes back as {@code "\\0"}.
     */
    public List<List<String>> query(String sql, Duration timeout) {
        if (sql.contains("\n")) {
            throw new IllegalArgumentException("one line of SQL: " + sql);
        }
        command("sql " + sql);
        final String result = awaitEvent("sql-result", timeout).substring("sql-result".length()).trim();
        if (result.startsWith("!")) {
            throw new IllegalStateException("SQL failed: " + sql + ": " + result.substring(1));
        }
        final List<List<String>> rows = new ArrayList<>();
        for (String row : result.split(";")) {
            if (!row.isEmpty()) {
                rows.add(java.util.Arrays.stream(row.split(",", -1))
                        .map(cell -> java.net.URLDecoder.decode(cell, StandardCharsets.UTF_8)).toList());
            }
        }
        return rows;
    }

    private synchronized void command(String line) {
        if (!options.control) {
            throw new IllegalStateException("start Openfire with control(true) to send it commands");
        }
        final PrintWriter writer = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        writer.println(line);
    }

    /** Every line of Openfire's log files (logs/all.log, logs/stdout.log) that matches, prefixed with its file. */
    public List<String> logLines(java.util.function.Predicate<String> matching) {
        final List<String> out = new ArrayList<>();
        for (String name : new String[] {"logs/all.log", "logs/stdout.log"}) {
            final Path file = options.home.resolve(name);
            try (Stream<String> lines = Files.exists(file) ? Files.lines(file, StandardCharsets.UTF_8) : Stream.empty()) {
                lines.filter(matching).forEach(line -> out.add(name + ": " + line));
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e, e);
            }
        }
        return out;
    }

    /** The last lines of Openfire's log files, for failure messages. */
    public String logTail() {
        final StringBuilder out = new StringBuilder();
        for (String name : new String[] {"logs/stdout.log", "logs/all.log"}) {
            final Path file = options.home.resolve(name);
            try {
                final List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
                out.append("--- ").append(file).append(" (last lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("(cannot read ").append(file).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    public OpenfireOptions options() {
        return options;
    }

    /** Stops Openfire like an operator would (SIGTERM, its shutdown hook runs), forcibly after 30 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
