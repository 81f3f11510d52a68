package org.sipgateway.media.rtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * RTCP sender and receiver reports (RFC 3550 section 6.4) and BYE (section 6.6): build one SR, RR or BYE, and read
 * reports and BYEs out of a received compound packet (other packet types are skipped).
 */
public final class RtcpReport {
    public static final int SENDER_REPORT = 200;
    public static final int RECEIVER_REPORT = 201;
    public static final int BYE = 203;
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L; // 1900 -> 1970
    private static final int MAX_BLOCKS = 31; // 5-bit report count

    /** One reception report block (RFC 3550 section 6.4.1). */
    public record Block(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
        long lastSenderReport, long delaySinceLastSenderReport) { }

    /** A parsed SR or RR: who sent it, the middle 32 bits of its NTP time (SR only, else 0), and what it reports. */
    public record Report(int packetType, int senderSsrc, long senderPacketCount, long ntpMiddle, List<Block> blocks) { }

    private RtcpReport() { }

    /** A sender report for {@code ssrc} at wall time {@code unixMillis} with the matching RTP timestamp. */
    public static byte[] senderReport(int ssrc, long unixMillis, long rtpTimestamp, long packetCount, long octetCount, List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Block> b = blocks.subList(0, Math.min(blocks.size(), MAX_BLOCKS));
        header(out, SENDER_REPORT, b.size(), 6 + 6 * b.size());
        putInt(out, ssrc);
        long seconds = unixMillis / 1000 + NTP_UNIX_OFFSET_SECONDS;
        long fraction = ((unixMillis % 1000) << 32) / 1000;
        putInt(out, (int) seconds); // NTP timestamp, RFC 3550 section 6.4.1
        putInt(out, (int) fraction);
        putInt(out, (int) rtpTimestamp);
        putInt(out, (int) packetCount);
        putInt(out, (int) octetCount);
        for (Block block : b)
            putBlock(out, block);
        return out.toByteArray();
    }

    public static byte[] receiverReport(int ssrc, List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Block> b = blocks.subList(0, Math.min(blocks.size(), MAX_BLOCKS));
        header(out, RECEIVER_REPORT, b.size(), 1 + 6 * b.size());
        putInt(out, ssrc);
        for (Block block : b)
            putBlock(out, block);
        return out.toByteArray();
    }

    /** A BYE for {@code ssrc} (RFC 3550 section 6.6): appended to an SR or RR, as a compound packet must start with one. */
    public static byte[] bye(int ssrc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, BYE, 1, 1);
        putInt(out, ssrc);
        return out.toByteArray();
    }

    /**
     * The SR, RR and BYE packets of a compound RTCP packet (a BYE as a report from its first SSRC, without blocks);
     * malformed input yields what was readable before the fault.
     */
    public static List<Report> parse(byte[] p, int off, int len) {
        List<Report> reports = new ArrayList<>();
        int pos = off, end = off + len;
        while (pos + 8 <= end) {
            if ((p[pos] & 0xC0) != 0x80)
                break;
            int count = p[pos] & 0x1F;
            int type = p[pos + 1] & 0xFF;
            int length = 4 * (((p[pos + 2] & 0xFF) << 8 | (p[pos + 3] & 0xFF)) + 1);
            if (pos + length > end)
                break;
            if (type == BYE && count > 0)
                reports.add(new Report(BYE, (int) RtpPacket.u32(p, pos + 4), -1, 0, List.of()));
            else if (type == SENDER_REPORT || type == RECEIVER_REPORT) {
                int senderSsrc = (int) RtpPacket.u32(p, pos + 4);
                int blocksAt = pos + (type == SENDER_REPORT ? 28 : 8);
                long packets = type == SENDER_REPORT ? RtpPacket.u32(p, pos + 20) : -1;
                long ntpMiddle = type == SENDER_REPORT ? (RtpPacket.u32(p, pos + 8) << 16 | RtpPacket.u32(p, pos + 12) >>> 16) & 0xFFFFFFFFL : 0;
                List<Block> blocks = new ArrayList<>();
                for (int i = 0; i < count && blocksAt + 24 * (i + 1) <= pos + length; i++)
                    blocks.add(readBlock(p, blocksAt + 24 * i));
                reports.add(new Report(type, senderSsrc, packets, ntpMiddle, blocks));
            }
            pos += length;
        }
        return reports;
    }

    /** Middle 32 bits of the NTP timestamp of a wall time, the unit of LSR and round-trip arithmetic. */
    public static long ntpMiddle(long unixMillis) {
        long seconds = unixMillis / 1000 + NTP_UNIX_OFFSET_SECONDS;
        long fraction = ((unixMillis % 1000) << 32) / 1000;
        return ((seconds << 16) | (fraction >>> 16)) & 0xFFFFFFFFL;
    }

    /**
     * Round-trip time from a block about our stream: arrival - LSR - DLSR (RFC 3550 section 6.4.1), in ms;
     * -1 when the block carries no LSR (the peer has not seen a sender report of ours yet).
     */
    public static double roundTripMillis(Block aboutUs, long arrivalUnixMillis) {
        if (aboutUs.lastSenderReport() == 0)
            return -1;
        long units = (ntpMiddle(arrivalUnixMillis) - aboutUs.lastSenderReport() - aboutUs.delaySinceLastSenderReport()) & 0xFFFFFFFFL;
        return units > 0x7FFFFFFFL ? 0 : units * 1000.0 / 65536;
    }

    /** The block describing {@code stats} since the previous call (fraction lost per RFC 3550 appendix A.3). */
    public static Block blockFor(int ssrc, ReceiveStatistics stats, long[] previousExpectedAndReceived) {
        return blockFor(ssrc, stats, previousExpectedAndReceived, 0, 0);
    }

    /**
     * The same, echoing the last sender report we got from that source ({@code lastSrNtpMiddle}, received at
     * {@code lastSrUnixMillis}) so the sender can measure the round trip; 0 when none arrived yet.
     */
    public static Block blockFor(int ssrc, ReceiveStatistics stats, long[] previousExpectedAndReceived, long lastSrNtpMiddle,
        long lastSrUnixMillis) {
        long delay = lastSrNtpMiddle == 0 ? 0 : Math.max(0, (System.currentTimeMillis() - lastSrUnixMillis) * 65536 / 1000);
        long expected = stats.expected(), received = stats.packets();
        long expectedInterval = expected - previousExpectedAndReceived[0];
        long receivedInterval = received - previousExpectedAndReceived[1];
        long lostInterval = expectedInterval - receivedInterval;
        previousExpectedAndReceived[0] = expected;
        previousExpectedAndReceived[1] = received;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        return new Block(ssrc, Math.min(fraction, 255), (int) Math.min(stats.lost(), 0x7FFFFF), stats.extendedHighestSequence(),
            stats.jitterUnits(), lastSrNtpMiddle, delay);
    }

    private static Block readBlock(byte[] p, int at) {
        int cumulative = ((p[at + 5] & 0xFF) << 16) | ((p[at + 6] & 0xFF) << 8) | (p[at + 7] & 0xFF);
        if ((cumulative & 0x800000) != 0)
            cumulative |= 0xFF000000; // signed 24 bits
        return new Block((int) RtpPacket.u32(p, at), p[at + 4] & 0xFF, cumulative, RtpPacket.u32(p, at + 8),
            RtpPacket.u32(p, at + 12), RtpPacket.u32(p, at + 16), RtpPacket.u32(p, at + 20));
    }

    private static void header(ByteArrayOutputStream out, int type, int count, int lengthWordsMinusOne) {
        out.write(0x80 | count);
        out.write(type);
        out.write(lengthWordsMinusOne >> 8);
        out.write(lengthWordsMinusOne);
    }

    private static void putBlock(ByteArrayOutputStream out, Block b) {
        putInt(out, b.ssrc());
        out.write(b.fractionLost());
        out.write(b.cumulativeLost() >> 16);
        out.write(b.cumulativeLost() >> 8);
        out.write(b.cumulativeLost());
        putInt(out, (int) b.extendedHighestSequence());
        putInt(out, (int) b.jitter());
        putInt(out, (int) b.lastSenderReport());
        putInt(out, (int) b.delaySinceLastSenderReport());
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
