package org.sipgateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.audio.Tones;

class RtpPacketTest {
    @Test
    void buildThenParseKeepsEveryFieldAndExtension() {
        byte[] payload = { 1, 2, 3, 4, 5 };
        byte[] packet = new RtpPacketBuilder().payloadType(111).marker(true).sequenceNumber(65535).timestamp(0xFFFFFFF0L)
            .ssrc(0xCAFEBABE).extension(1, AudioLevel.encode(42, true)).extension(10, "0".getBytes(StandardCharsets.US_ASCII))
            .payload(payload).build();
        RtpPacket p = RtpPacket.parse(packet, 0, packet.length);
        assertEquals(111, p.payloadType());
        assertTrue(p.marker());
        assertEquals(65535, p.sequenceNumber());
        assertEquals(0xFFFFFFF0L, p.timestamp());
        assertEquals(0xCAFEBABE, p.ssrc());
        assertArrayEquals(payload, p.payload());
        assertEquals(42, AudioLevel.level(p.extension(1)[0]));
        assertTrue(AudioLevel.voiceActivity(p.extension(1)[0]));
        assertEquals("0", new String(p.extension(10), StandardCharsets.US_ASCII));
        assertNull(p.extension(3));
    }

    @Test
    void parsesTwoByteExtensionsAndPadding() {
        byte[] p = { (byte) 0xB0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3,
            0x10, 0x00, 0, 1, /* id 5, len 2 */ 5, 2, 7, 8, /* payload */ 9, 9, /* padding */ 0, 3 };
        p[p.length - 1] = 2; // two padding bytes: "0, 2"
        RtpPacket r = RtpPacket.parse(p, 0, p.length);
        assertArrayEquals(new byte[] { 7, 8 }, r.extension(5));
        assertEquals(2, r.payloadLength());
    }

    @Test
    void rejectsMalformedPackets() {
        assertNull(RtpPacket.parse(new byte[8], 0, 8), "too short");
        byte[] v1 = new RtpPacketBuilder().payload(new byte[4]).build();
        v1[0] = 0x40;
        assertNull(RtpPacket.parse(v1, 0, v1.length), "version 1");
        byte[] ext = new RtpPacketBuilder().extension(1, (byte) 1).build();
        assertNull(RtpPacket.parse(ext, 0, ext.length - 2), "extension longer than packet");
    }

    @Test
    void audioLevelFollowsRfc6464() {
        assertEquals(AudioLevel.SILENT, AudioLevel.of(new short[160], 0, 160));
        short[] fullScale = Tones.sine(1000, 1.0, 8000, 160);
        assertEquals(3, AudioLevel.of(fullScale, 0, 160), "full-scale sine is -3 dBov");
        short[] minus20 = Tones.sine(1000, 0.1, 8000, 160);
        assertEquals(23, AudioLevel.of(minus20, 0, 160));
    }

    @Test
    void redUnwrapsRedundantThenPrimary() {
        RedPayload.Block older = new RedPayload.Block(111, 1000 - 960, new byte[] { 1, 1 });
        RedPayload.Block primary = new RedPayload.Block(111, 1000, new byte[] { 2, 2, 2 });
        byte[] red = RedPayload.wrap(List.of(older), primary);
        List<RedPayload.Block> blocks = RedPayload.unwrap(red, 0, red.length, 1000);
        assertEquals(2, blocks.size());
        assertEquals(40, blocks.get(0).timestamp());
        assertArrayEquals(new byte[] { 1, 1 }, blocks.get(0).data());
        assertEquals(1000, blocks.get(1).timestamp());
        assertArrayEquals(new byte[] { 2, 2, 2 }, blocks.get(1).data());
        assertTrue(RedPayload.unwrap(red, 0, 3, 1000).isEmpty(), "truncated RED is rejected");
        byte[] primaryOnly = RedPayload.wrap(List.of(), primary);
        assertEquals(1, RedPayload.unwrap(primaryOnly, 0, primaryOnly.length, 1000).size());
    }

    @Test
    void dtmfPlanIsReportedOnceWithItsDuration() {
        StringBuilder digits = new StringBuilder();
        int[] duration = new int[1];
        DtmfReceiver receiver = new DtmfReceiver(8000, (d, ms) -> { digits.append(d); duration[0] = ms; });
        for (char digit : new char[] { '5', '#' }) {
            long ts = digit == '5' ? 1000 : 9000;
            List<DtmfSender.Step> steps = DtmfSender.plan(digit, 100, 8000);
            assertTrue(steps.get(0).marker());
            assertEquals(3, steps.stream().filter(s -> s.event().end()).count(), "end sent three times");
            for (DtmfSender.Step s : steps) {
                byte[] b = s.event().toBytes();
                receiver.receive(ts, b, 0, b.length);
            }
        }
        assertEquals("5#", digits.toString());
        assertEquals(100, duration[0]);
        assertFalse(TelephoneEvent.eventOf('x') >= 0);
    }
}
