package org.sipgateway.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded, reproducible mutations of well-formed SIP requests: the same seed gives the same message sequence, so a
 * failure's seed (printed by the test) replays it.
 */
final class SipFuzzer {

    private static final String[] METHODS = {"INVITE", "REGISTER", "BYE", "ACK", "OPTIONS"};
    private static final int MUTATIONS = 14;

    private final Random random;
    private final int port;
    private final String localPort;
    private long counter;

    SipFuzzer(long seed, int port, int localPort) {
        this.random = new Random(seed);
        this.port = port;
        this.localPort = String.valueOf(localPort);
    }

    /** The next message: a valid request of a random method with one or two random mutations applied. */
    byte[] next() {
        counter++;
        String method = METHODS[random.nextInt(METHODS.length)];
        List<String> lines = new ArrayList<>(Arrays.asList(valid(method).split("\r\n", -1)));
        int rounds = 1 + random.nextInt(2);
        byte[] junk = null;
        for (int i = 0; i < rounds; i++) {
            junk = mutate(lines);
            if (junk != null) {
                return junk;
            }
        }
        byte[] text = String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        if (random.nextInt(20) == 0) {
            return Arrays.copyOf(text, random.nextInt(text.length + 1)); // truncated anywhere, even mid-line
        }
        return text;
    }

    /** Mutates the lines in place, or returns a whole replacement message (binary junk). */
    private byte[] mutate(List<String> lines) {
        if (lines.size() < 3) {
            return null; // already cut down to its request line: nothing left to mutate
        }
        int head = headerEnd(lines);
        switch (random.nextInt(MUTATIONS)) {
            case 0 -> lines.subList(1 + random.nextInt(Math.max(1, lines.size() - 1)), lines.size()).clear();
            case 1 -> lines.add(1 + random.nextInt(head), "X-Huge: " + "a".repeat(1000 + random.nextInt(60_000)));
            case 2 -> replace(lines, "Content-Length:", "Content-Length: " + pick("-1", "99999", "abc", "",
                    "4294967296", "0", String.valueOf(random.nextInt(500))));
            case 3 -> replaceBody(lines, pick("v=0\r\nm=audio x RTP/AVP 0", "v=1\r\nc=IN IP4\r\nm=audio 9 RTP/AVP",
                    "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0", "v=0\r\no=- - - - - -\r\nm=video 0 X 999999999999",
                    "\u0000\u00ff\u00fe"));
            case 4 -> {
                byte[] b = new byte[1 + random.nextInt(1400)];
                random.nextBytes(b);
                return b;
            }
            case 5 -> { // a mandatory header twice (RFC 3261 section 20: one To, From, Call-ID, CSeq)
                String h = lines.get(1 + random.nextInt(head - 1));
                lines.add(1 + random.nextInt(head), h.replaceFirst(":.*", ": <sip:other@127.0.0.1>;tag=dup"));
            }
            case 6 -> lines.remove(1 + random.nextInt(head - 1)); // a mandatory header missing
            case 7 -> replace(lines, "Via:", "Via: " + pick("SIP/2.0/UDP", "SIP/3.0/XYZ 127.0.0.1:70000",
                    "SIP/2.0/UDP ;branch=", "SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=;rport=x",
                    "garbage", "SIP/2.0/UDP [::1:5060;branch=z9hG4bK1"));
            case 8 -> replace(lines, "CSeq:", "CSeq: " + pick("abc INVITE", "-5 BYE", "99999999999 INVITE",
                    "1", "1 FOO", "1 " + "M".repeat(300), ""));
            case 9 -> lines.set(0, pick("INVITE SIP/2.0", "INVITE sip: SIP/2.0", "FOO bar baz",
                    "INVITE sip:1@127.0.0.1 SIP/9.9", "", "SIP/2.0 200 OK", "INVITE <sip:x> SIP/2.0"));
            case 10 -> lines.add(1 + random.nextInt(head), pick("From garbage", ":", "Route: <", "Contact: *;;;",
                    "Max-Forwards: -1", "Expires: 99999999999999", "Content-Type: application/sdp;;"));
            case 11 -> replace(lines, "From:", "From: " + pick("garbage<<", "<sip:a@b>;tag=", "\"unclosed <sip:x@y>"));
            case 12 -> { // one line with a random byte flipped
                int i = random.nextInt(lines.size());
                String l = lines.get(i);
                if (!l.isEmpty()) {
                    char[] c = l.toCharArray();
                    c[random.nextInt(c.length)] = (char) random.nextInt(256);
                    lines.set(i, new String(c));
                }
            }
            default -> lines.add(1 + random.nextInt(head), "X-Many: " + ",".repeat(random.nextInt(5000)));
        }
        return null;
    }

    private String valid(String method) {
        String branch = "z9hG4bKfz" + counter;
        String sdp = method.equals("INVITE")
                ? "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                : "";
        return method + " sip:fuzz@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.2:" + localPort + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:fuzzer@127.0.0.2>;tag=t" + counter + "\r\n"
                + "To: <sip:fuzz@127.0.0.1:" + port + ">" + (method.equals("BYE") ? ";tag=x" : "") + "\r\n"
                + "Call-ID: fz" + counter + "@fuzzer\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:fuzzer@127.0.0.2:" + localPort + ">\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static int headerEnd(List<String> lines) {
        int i = lines.indexOf("");
        return i < 2 ? lines.size() - 1 : i;
    }

    private void replace(List<String> lines, String prefix, String line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                lines.set(i, line);
                return;
            }
        }
        lines.add(1, line);
    }

    private static void replaceBody(List<String> lines, String body) {
        int i = lines.indexOf("");
        if (i >= 0) {
            lines.subList(i + 1, lines.size()).clear();
            lines.add(body);
        }
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
