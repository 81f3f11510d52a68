package org.sipgateway.testkit.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sipgateway.testkit.audio.WavFile;

/**
 * A headless baresip softphone (Debian baresip-core) on free loopback ports, scripted through ctrl_tcp.
 * Plays a sine tone (aufile), records what it hears under {@code rec_<name>/} (sndfile).
 * <pre>
 * try (Baresip alice = Baresip.builder(run, "alice").codecs("PCMU/8000/1").start()) {
 *     alice.command("dial", "sip:1@127.0.0.1:" + port);
 *     alice.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(10));
 * }
 * </pre>
 */
public final class Baresip implements AutoCloseable {

    private static final String RECORDINGS = "rec_";

    private final String name;
    private final Path recordings;
    private final int sipPort;
    private final ExternalProcess process;
    private final Socket control;
    private final List<String> events = new ArrayList<>();
    private final Thread reader;

    private Baresip(String name, Path recordings, int sipPort, ExternalProcess process, Socket control) {
        this.name = name;
        this.recordings = recordings;
        this.sipPort = sipPort;
        this.process = process;
        this.control = control;
        this.reader = new Thread(this::readEvents, "baresip-ctrl-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static Builder builder(RunDir run, String name) {
        return new Builder(run, name);
    }

    public int sipPort() {
        return sipPort;
    }

    /** The folder where baresip records each call: {@code dump-<time>-dec.wav} (heard) and {@code -enc.wav} (sent). */
    public Path recordings() {
        return recordings;
    }

    /** The newest recording of what baresip heard (decoded); fails naming the folder's files when there is none. */
    public Path heard() {
        try (Stream<Path> files = Files.list(recordings)) {
            final List<Path> all = files.sorted().toList();
            return all.stream().filter(f -> f.getFileName().toString().endsWith("-dec.wav"))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("baresip " + name + " recorded nothing it heard: " + recordings
                            + " holds " + all + "; log:\n" + process.logText()));
        } catch (IOException e) {
            throw new AssertionError("cannot list " + recordings, e);
        }
    }

    /**
     * Seconds of audio baresip has recorded so far from what it heard, read while the call runs (from the file's
     * size and the rate in its header: libsndfile writes the final lengths only at close); 0 before the first frame.
     */
    public double heardSecondsSoFar() {
        try (Stream<Path> files = Files.list(recordings)) {
            final Path wav = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst().orElse(null);
            if (wav == null) {
                return 0;
            }
            final byte[] header = new byte[44];
            try (InputStream in = Files.newInputStream(wav)) {
                if (in.readNBytes(header, 0, 44) < 44) {
                    return 0;
                }
            }
            final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            final int bytesPerSecond = b.getInt(28);
            return bytesPerSecond <= 0 ? 0 : (Files.size(wav) - 44) / (double) bytesPerSecond;
        } catch (IOException e) {
            return 0; // not there yet
        }
    }

    /**
     * What baresip has heard so far, read while the call runs (libsndfile writes the samples as they come and the
     * lengths only at close); empty before the first frame. Assumes the 44-byte header libsndfile writes for PCM.
     */
    public WavFile.Audio heardSoFar() {
        try (Stream<Path> files = Files.list(recordings)) {
            final Path wav = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst().orElse(null);
            if (wav == null) {
                return new WavFile.Audio(new short[0], 8000);
            }
            final byte[] bytes = Files.readAllBytes(wav);
            if (bytes.length < 44) {
                return new WavFile.Audio(new short[0], 8000);
            }
            final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            final short[] samples = new short[(bytes.length - 44) / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = b.getShort(44 + 2 * i);
            }
            return new WavFile.Audio(samples, b.getInt(24));
        } catch (IOException e) {
            return new WavFile.Audio(new short[0], 8000);
        }
    }

    /** What baresip heard, as samples. */
    public WavFile.Audio heardAudio() {
        final Path wav = heard();
        try {
            return WavFile.read(wav);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + wav, e);
        }
    }

    /** Sends one ctrl_tcp command, e.g. ("dial", "sip:x@127.0.0.1:5070"), ("hangup", ""), ("accept", ""). */
    public void command(String command, String params) {
        String json = "{\"command\":\"" + command + "\",\"params\":\"" + params.replace("\"", "\\\"")
                + "\",\"token\":\"" + command + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            OutputStream out = control.getOutputStream();
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("baresip " + name + " control connection lost; log:\n" + process.logText(), e);
        }
    }

    /** Waits (bounded) for an event of this type (e.g. CALL_ESTABLISHED, CALL_CLOSED); returns its JSON. */
    public String awaitEvent(String type, Duration timeout) {
        return awaitEvent(type, 1, timeout);
    }

    /** Waits (bounded) for the {@code occurrence}-th event of this type (the second call's CALL_ESTABLISHED: 2). */
    public String awaitEvent(String type, int occurrence, Duration timeout) {
        String needle = "\"type\":\"" + type + "\"";
        String[] found = new String[1];
        boolean ok = ExternalProcess.waitFor(timeout, () -> {
            synchronized (events) {
                int seen = 0;
                for (String e : events) {
                    if (e.contains(needle) && ++seen == occurrence) {
                        found[0] = e;
                        return true;
                    }
                }
                return false;
            }
        });
        if (!ok) {
            throw new AssertionError("baresip " + name + ": no " + type + " #" + occurrence + " within " + timeout
                    + "; events " + events() + "\nlog:\n" + process.logText());
        }
        return found[0];
    }

    /** Waits (bounded) until baresip's output contains {@code text}, e.g. "200 OK" of its REGISTER. */
    public void awaitLog(String text, Duration timeout) {
        if (!ExternalProcess.waitFor(timeout, () -> process.logText().contains(text))) {
            throw new AssertionError("baresip " + name + ": no '" + text + "' in its log within " + timeout + "; log:\n"
                    + process.logText());
        }
    }

    /** Waits until the account registered (events before ctrl_tcp connected are not delivered). */
    public void awaitRegistered(Duration timeout) {
        awaitLog("binding]", timeout);
    }

    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public String log() {
        return process.logText();
    }

    private void readEvents() {
        try (InputStream in = control.getInputStream()) {
            while (true) {
                int len = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    len = len * 10 + (c - '0');
                }
                byte[] msg = in.readNBytes(len);
                in.read(); // trailing ','
                synchronized (events) {
                    events.add(new String(msg, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // closed at stop
        }
    }

    /** The phone vanishes: SIGKILL, no BYE, no more RTP. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        try {
            control.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        process.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Account, codecs and tone; {@link #start()} writes config + accounts and connects to ctrl_tcp. */
    public static final class Builder {
        private final RunDir run;
        private final String name;
        private String account;
        private String codecs;
        private double toneHz = 440;
        private boolean autoAnswer;

        Builder(RunDir run, String name) {
            this.run = run;
            this.name = name;
        }

        /** A full baresip account line, e.g. {@code <sip:bob@127.0.0.1:5080>;auth_pass=bobpw;answermode=auto}. */
        public Builder account(String line) { account = line; return this; }
        /** Restrict codecs: full names like {@code PCMU/8000/1,G722/16000/1,opus/48000/2}. */
        public Builder codecs(String list) { codecs = list; return this; }
        public Builder tone(double hz) { toneHz = hz; return this; }
        /** The default (unregistered) account answers every call at once. */
        public Builder autoAnswer() { autoAnswer = true; return this; }

        /**
         * Starts baresip; again on other ports (up to 3 tries) when one it binds was taken meanwhile: the free ports are
         * probed before baresip binds them, and its TLS transport takes an ephemeral port of its own that can collide.
         */
        public Baresip start() {
            ExternalProcess.requireProgram("baresip");
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnce();
                } catch (PortTaken e) {
                    if (attempt == 3) {
                        throw new IllegalStateException(e.getMessage());
                    }
                }
            }
        }

        private static final class PortTaken extends RuntimeException {
            PortTaken(String message) {
                super(message);
            }
        }

        private Baresip startOnce() {
            int sipPort = FreePorts.udpAndTcp();
            int ctrlPort = FreePorts.udpAndTcp();
            int rtp = FreePorts.udpRange(20);
            String dir = "baresip-" + name;
            ToneWav.write(run.resolve(dir + "-tone.wav"), toneHz, 30, 48000);
            String acc = account != null ? account : "<sip:" + name + "@127.0.0.1:" + sipPort + ">;regint=0"
                    + (autoAnswer ? ";answermode=auto" : "");
            if (codecs != null) {
                acc += ";audio_codecs=" + codecs; // an account parameter in baresip 1.0
            }
            run.write(dir + "/accounts", acc + "\n");
            String config = String.join("\n",
                    "poll_method\t\tepoll",
                    "sip_listen\t\t127.0.0.1:" + sipPort,
                    "call_local_timeout\t30",
                    "call_max_calls\t\t4",
                    "audio_buffer\t\t20-160",
                    // relative to the run dir (baresip's cwd): baresip 1.0 builds recording file names in a
                    // 128-byte buffer and silently cuts longer ones, so a deep checkout loses the "-dec.wav"
                    "audio_source\t\taufile," + dir + "-tone.wav",
                    "audio_alert\t\tnone",
                    "ausrc_srate\t\t48000",
                    "auplay_srate\t\t48000",
                    "ausrc_channels\t\t1",
                    "auplay_channels\t\t1",
                    "rtp_ports\t\t" + rtp + "-" + (rtp + 19),
                    "jitter_buffer_delay\t5-10",
                    "net_interface\t\t127.0.0.1",
                    "module_path\t\t/usr/lib/baresip/modules",
                    "module\t\t\tg711.so",
                    "module\t\t\tg722.so",
                    "module\t\t\topus.so",
                    "module\t\t\taufile.so",
                    "module\t\t\tsndfile.so",
                    "module_tmp\t\taccount.so",
                    "module_app\t\tmenu.so",
                    "module_app\t\tctrl_tcp.so",
                    "ctrl_tcp_listen\t\t127.0.0.1:" + ctrlPort,
                    "snd_path\t\t" + RECORDINGS + name, "");
            run.write(dir + "/config", config);
            run.resolve(RECORDINGS + name).toFile().mkdirs();
            ExternalProcess p = ExternalProcess.start("baresip-" + name, run,
                    List.of("baresip", "-f", run.resolve(dir).toString()));
            Socket[] s = new Socket[1];
            boolean up = ExternalProcess.waitFor(Duration.ofSeconds(10), () -> {
                try {
                    Socket sock = new Socket();
                    sock.connect(new InetSocketAddress("127.0.0.1", ctrlPort), 200);
                    s[0] = sock;
                    return true;
                } catch (IOException e) {
                    return !p.isAlive();
                }
            });
            if (!up || s[0] == null) {
                p.close();
                if (p.logText().contains("Address already in use")) {
                    throw new PortTaken("baresip " + name + " found a port taken; log:\n" + p.logText());
                }
                throw new IllegalStateException("baresip " + name + " did not open ctrl_tcp on " + ctrlPort + "; log:\n"
                        + p.logText());
            }
            return new Baresip(name, run.resolve(RECORDINGS + name), sipPort, p, s[0]);
        }
    }
}
