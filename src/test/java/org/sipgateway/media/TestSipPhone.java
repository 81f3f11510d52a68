package org.sipgateway.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.AudioDecoder;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.codec.OpusSettings;
import org.sipgateway.media.rtp.DtmfSender;
import org.sipgateway.media.rtp.RtcpReport;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;
import org.sipgateway.media.rtp.TelephoneEvent;
import org.sipgateway.testkit.audio.Tones;

/**
 * Plays a SIP phone's media on loopback: one codec at a time (PCMU by default; PCMA, G.722 or Opus, switchable as a
 * re-INVITE would), a tone out, everything heard recorded and decoded, the header of every RTP packet received;
 * RFC 4733 both ways; RTCP received on RTP port + 1.
 */
public final class TestSipPhone implements AutoCloseable {
    /** The header of one RTP packet received, and the port it came from. */
    public record Received(int payloadType, int ssrc, int sequence, long timestamp, boolean marker, int fromPort) { }

    /** The codec in use and what it decoded; replaced whole by {@link #switchCodec}. */
    private static final class Line {
        final AudioCodec codec;
        final int payloadType;
        final AudioEncoder encoder;
        final AudioDecoder decoder;
        final short[] heard;
        volatile int heardSamples;
        private boolean closed;

        Line(AudioCodec codec, int payloadType, CodecFactory codecs) {
            this.codec = codec;
            this.payloadType = payloadType;
            this.encoder = codecs.encoder(codec, codec.pcmRate());
            this.decoder = codecs.decoder(codec, codec.pcmRate());
            this.heard = new short[codec.pcmRate() * 60];
        }

        /** Decodes one payload onto what was heard; false once closed. */
        synchronized boolean decode(byte[] buffer, int offset, int length) {
            if (closed)
                return false;
            short[] pcm = new short[codec.pcmRate() / 10];
            int n = Math.min(decoder.decode(buffer, offset, length, pcm, 0), heard.length - heardSamples);
            System.arraycopy(pcm, 0, heard, heardSamples, n);
            heardSamples += n;
            return true;
        }

        synchronized void close() {
            closed = true;
            encoder.close();
            decoder.close();
        }
    }

    private final DatagramSocket socket;
    private final DatagramSocket rtcpSocket;
    private final Thread receiver;
    private final Thread rtcpReceiver;
    final List<RtcpReport.Report> reports = new CopyOnWriteArrayList<>();
    private final CodecFactory codecs = new CodecFactory(OpusImplementation.AUTO, OpusSettings.SPEECH);
    private volatile Line line;
    private final List<Received> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final List<Character> digitsHeard = new CopyOnWriteArrayList<>();
    private volatile InetSocketAddress gateway;
    private volatile boolean closed;
    private int sequence = 1;
    private long timestamp = 1000;
    private long toneSamples;
    final List<Long> sendNanos = new CopyOnWriteArrayList<>();
    final List<long[]> arrivals = new CopyOnWriteArrayList<>(); // {first sample index in heard(), arrival nanos}

    public TestSipPhone() throws IOException {
        this(AudioCodec.PCMU, 0);
    }

    public TestSipPhone(AudioCodec codec, int payloadType) throws IOException {
        this.line = new Line(codec, payloadType, codecs);
        DatagramSocket[] pair = evenOddPair();
        socket = pair[0];
        rtcpSocket = pair[1];
        socket.setSoTimeout(100);
        rtcpSocket.setSoTimeout(100);
        receiver = new Thread(this::receiveLoop, "test-sip-phone");
        receiver.setDaemon(true);
        receiver.start();
        rtcpReceiver = new Thread(this::receiveRtcpLoop, "test-sip-phone-rtcp");
        rtcpReceiver.setDaemon(true);
        rtcpReceiver.start();
    }

    /** RTP on an even port, RTCP on the next (RFC 3550 section 11), both picked by the OS. */
    private static DatagramSocket[] evenOddPair() throws IOException {
        for (int attempt = 0; attempt < 64; attempt++) {
            DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            int port = rtp.getLocalPort();
            if ((port & 1) == 0 && port < 65535) {
                try {
                    return new DatagramSocket[] { rtp, new DatagramSocket(port + 1, InetAddress.getLoopbackAddress()) };
                } catch (IOException busy) {
                    // next attempt
                }
            }
            rtp.close();
        }
        throw new IOException("no even/odd loopback port pair");
    }

    /**
     * An RR about the gateway's stream echoing its SR: LSR, and as DLSR the time this phone actually held the SR
     * (RFC 3550 section 6.4.1), so the gateway's round trip is the real one.
     */
    private void answerWithReceiverReport(RtcpReport.Report sr, java.net.SocketAddress to, long receivedNanos) {
        try {
            long held = (System.nanoTime() - receivedNanos) * 65536 / 1_000_000_000L; // DLSR unit: 1/65536 s
            byte[] rr = RtcpReport.receiverReport(777, List.of(new RtcpReport.Block(sr.senderSsrc(), 0, 0, 0, 0, sr.ntpMiddle(), held)));
            rtcpSocket.send(new DatagramPacket(rr, rr.length, to));
        } catch (IOException e) {
            // the test asserts on the result
        }
    }

    private void receiveRtcpLoop() {
        byte[] buffer = new byte[2048];
        while (!closed) {
            DatagramPacket d = new DatagramPacket(buffer, buffer.length);
            try {
                rtcpSocket.receive(d);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            long receivedNanos = System.nanoTime();
            List<RtcpReport.Report> got = RtcpReport.parse(buffer, 0, d.getLength());
            reports.addAll(got);
            for (RtcpReport.Report r : got)
                if (r.packetType() == RtcpReport.SENDER_REPORT)
                    answerWithReceiverReport(r, d.getSocketAddress(), receivedNanos);
        }
    }

    /** RFC 4733 digits received, once per event. */
    public List<Character> digitsHeard() { return digitsHeard; }

    /** RTCP reports received on RTP port + 1. */
    public List<RtcpReport.Report> reports() { return reports; }

    public InetSocketAddress address() { return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()); }

    public void sendTo(InetSocketAddress gatewayRtp) { this.gateway = gatewayRtp; }

    public int sampleRate() { return line.codec.pcmRate(); }

    /**
     * Changes codec and payload type as after a re-INVITE: from now on it sends the new one, decodes only packets of
     * the new payload type, and {@link #heard()} starts again empty at the new rate. Same socket, SSRC and sequence.
     */
    public synchronized void switchCodec(AudioCodec codec, int payloadType) {
        Line old = line;
        toneSamples = toneSamples * codec.pcmRate() / old.codec.pcmRate();
        line = new Line(codec, payloadType, codecs);
        old.close();
    }

    /** Headers of every RTP packet received so far, in arrival order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Sends the next 20 ms of {@code signal} (silence after its end), remembering when. */
    public synchronized void sendSignal(short[] signal) throws IOException {
        sendFrame(TestBridge.slice(signal, toneSamples, line.codec.pcmRate() / 50));
    }

    /** Sends one 20 ms frame of PCM at the codec's rate (silence when null or short), remembering when. */
    public synchronized void sendFrame(short[] frame) throws IOException {
        Line l = line;
        int samples = l.codec.pcmRate() / 50;
        short[] pcm = frame != null && frame.length == samples ? frame : new short[samples];
        toneSamples += samples;
        byte[] payload = new byte[1500];
        int n = l.encoder.encode(pcm, 0, samples, payload, 0);
        sendNanos.add(System.nanoTime());
        send(l.payloadType, false, timestamp, java.util.Arrays.copyOf(payload, n));
        timestamp += l.codec.rtpTicks(samples);
    }

    /** Sends one 20 ms packet of a tone. */
    public synchronized void sendTone(double frequency, double amplitude) throws IOException {
        Line l = line;
        int samples = l.codec.pcmRate() / 50;
        short[] pcm = Tones.sine(frequency, amplitude, l.codec.pcmRate(), samples, toneSamples);
        toneSamples += samples;
        byte[] payload = new byte[1500];
        int n = l.encoder.encode(pcm, 0, samples, payload, 0);
        send(l.payloadType, false, timestamp, java.util.Arrays.copyOf(payload, n));
        timestamp += l.codec.rtpTicks(samples);
    }

    /** Sends a whole RFC 4733 digit at once (packets as a phone would spread over its duration), in the codec's clock. */
    public synchronized void sendDigit(char digit) throws IOException {
        int clock = line.codec.rtpClockRate();
        for (DtmfSender.Step s : DtmfSender.plan(digit, 100, clock))
            send(101, s.marker(), timestamp, s.event().toBytes());
        timestamp += clock / 10;
    }

    private void send(int pt, boolean marker, long ts, byte[] payload) throws IOException {
        byte[] p = new RtpPacketBuilder().payloadType(pt).marker(marker).sequenceNumber(sequence++).timestamp(ts).ssrc(777).payload(payload).build();
        socket.send(new DatagramPacket(p, p.length, gateway));
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        long lastDtmfTimestamp = -1;
        while (!closed) {
            DatagramPacket d = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(d);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            RtpPacket p = RtpPacket.parse(buffer, 0, d.getLength());
            if (p == null)
                continue;
            received.add(new Received(p.payloadType(), p.ssrc(), p.sequenceNumber(), p.timestamp(), p.marker(), d.getPort()));
            Line l = line;
            if (p.payloadType() == l.payloadType) {
                arrivals.add(new long[] { l.heardSamples, System.nanoTime() });
                l.decode(buffer, p.payloadOffset(), p.payloadLength());
            } else if (p.payloadType() == 101) {
                TelephoneEvent e = TelephoneEvent.parse(buffer, p.payloadOffset(), p.payloadLength());
                if (e != null && e.end() && p.timestamp() != lastDtmfTimestamp) {
                    lastDtmfTimestamp = p.timestamp();
                    digitsHeard.add(e.digit());
                }
            }
        }
    }

    /** What the phone heard so far with its current codec, PCM at that codec's rate. */
    public short[] heard() {
        Line l = line;
        return java.util.Arrays.copyOf(l.heard, l.heardSamples);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        socket.close();
        rtcpSocket.close();
        receiver.join(2000);
        rtcpReceiver.join(2000);
        line.close();
    }
}
