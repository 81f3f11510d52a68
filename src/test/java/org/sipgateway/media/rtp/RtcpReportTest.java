package org.sipgateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpReportTest {
    @Test
    void senderReportRoundTripsWithBlocks() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        for (int s = 0; s < 100; s++)
            if (s % 10 != 3)
                stats.onPacket(s, s * 160L, 172, s * 20_000_000L);
        long[] previous = new long[2];
        RtcpReport.Block block = RtcpReport.blockFor(0xABCD, stats, previous);
        assertEquals(10, block.cumulativeLost());
        assertEquals(10 * 256 / 100, block.fractionLost(), "fraction lost in 1/256 (RFC 3550 A.3)");
        byte[] sr = RtcpReport.senderReport(0x1234, 1_700_000_000_000L, 4242, 500, 80000, List.of(block));
        assertEquals(28 + 24, sr.length);
        byte[] compound = new byte[sr.length + 12];
        System.arraycopy(sr, 0, compound, 0, sr.length);
        compound[sr.length] = (byte) 0x81; // a trailing SDES-like packet is skipped
        compound[sr.length + 1] = (byte) 202;
        compound[sr.length + 3] = 2;
        List<RtcpReport.Report> reports = RtcpReport.parse(compound, 0, compound.length);
        assertEquals(1, reports.size());
        RtcpReport.Report r = reports.get(0);
        assertEquals(RtcpReport.SENDER_REPORT, r.packetType());
        assertEquals(0x1234, r.senderSsrc());
        assertEquals(500, r.senderPacketCount());
        assertEquals(block.ssrc(), r.blocks().get(0).ssrc());
        assertEquals(10, r.blocks().get(0).cumulativeLost());
        assertEquals(block.extendedHighestSequence(), r.blocks().get(0).extendedHighestSequence());
        assertEquals(0, RtcpReport.blockFor(0xABCD, stats, previous).fractionLost(), "nothing new lost since the last report");
    }

    @Test
    void receiverReportParses() {
        byte[] rr = RtcpReport.receiverReport(7, List.of(new RtcpReport.Block(9, 25, 3, 70000, 12, 0, 0)));
        RtcpReport.Report r = RtcpReport.parse(rr, 0, rr.length).get(0);
        assertEquals(RtcpReport.RECEIVER_REPORT, r.packetType());
        assertEquals(new RtcpReport.Block(9, 25, 3, 70000, 12, 0, 0), r.blocks().get(0));
    }

    @Test
    void roundTripComesFromTheEchoedSenderReport() {
        long sentAt = 1_700_000_000_000L;
        byte[] sr = RtcpReport.senderReport(1, sentAt, 0, 0, 0, List.of());
        long lsr = RtcpReport.parse(sr, 0, sr.length).get(0).ntpMiddle();
        assertEquals(RtcpReport.ntpMiddle(sentAt), lsr);
        // the peer held our SR for 250 ms before reporting; the report reached us 330 ms after we sent the SR
        RtcpReport.Block echo = new RtcpReport.Block(1, 0, 0, 0, 0, lsr, 250L * 65536 / 1000);
        assertEquals(80, RtcpReport.roundTripMillis(echo, sentAt + 330), 0.1);
        assertEquals(-1, RtcpReport.roundTripMillis(new RtcpReport.Block(1, 0, 0, 0, 0, 0, 0), sentAt), "no LSR yet");
    }

    @Test
    void byeAfterASenderReportNamesTheLeavingSource() {
        byte[] sr = RtcpReport.senderReport(0x2222, 1_700_000_000_000L, 0, 10, 1600, List.of());
        byte[] bye = RtcpReport.bye(0x2222);
        assertEquals(8, bye.length, "header and one SSRC (RFC 3550 section 6.6)");
        byte[] compound = java.util.Arrays.copyOf(sr, sr.length + bye.length);
        System.arraycopy(bye, 0, compound, sr.length, bye.length);
        List<RtcpReport.Report> reports = RtcpReport.parse(compound, 0, compound.length);
        assertEquals(List.of(RtcpReport.SENDER_REPORT, RtcpReport.BYE), reports.stream().map(RtcpReport.Report::packetType).toList());
        assertEquals(0x2222, reports.get(1).senderSsrc());
    }
}
