package org.sipgateway.media.rtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** RTP payload for redundant audio data (RFC 2198): unwrap what the bridge sends, wrap for test peers. */
public final class RedPayload {
    /** One block: its payload type, RTP timestamp and bytes; the primary block comes last. */
    public record Block(int payloadType, long timestamp, byte[] data) { }

    private RedPayload() { }

    /** Splits a RED payload; returns an empty list when the headers are inconsistent with the length. */
    public static List<Block> unwrap(byte[] b, int off, int len, long packetTimestamp) {
        List<int[]> headers = new ArrayList<>(); // {pt, tsOffset, length}
        int pos = off, end = off + len;
        while (true) {
            if (pos >= end)
                return List.of();
            boolean more = (b[pos] & 0x80) != 0; // F bit: another header follows (RFC 2198 section 3)
            int pt = b[pos] & 0x7F;
            if (!more) {
                headers.add(new int[] { pt, 0, -1 });
                pos++;
                break;
            }
            if (pos + 4 > end)
                return List.of();
            int tsOffset = ((b[pos + 1] & 0xFF) << 6) | ((b[pos + 2] & 0xFC) >> 2);
            int blockLength = ((b[pos + 2] & 0x03) << 8) | (b[pos + 3] & 0xFF);
            headers.add(new int[] { pt, tsOffset, blockLength });
            pos += 4;
        }
        List<Block> blocks = new ArrayList<>(headers.size());
        for (int[] h : headers) {
            int blockLength = h[2] < 0 ? end - pos : h[2];
            if (blockLength < 0 || pos + blockLength > end)
                return List.of();
            byte[] data = new byte[blockLength];
            System.arraycopy(b, pos, data, 0, blockLength);
            blocks.add(new Block(h[0], (packetTimestamp - h[1]) & 0xFFFFFFFFL, data));
            pos += blockLength;
        }
        return blocks;
    }

    /** Builds a RED payload: redundant blocks (oldest first) then the primary one. */
    public static byte[] wrap(List<Block> redundant, Block primary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Block r : redundant) {
            long tsOffset = (primary.timestamp() - r.timestamp()) & 0xFFFFFFFFL;
            if (tsOffset > 0x3FFF || r.data().length > 0x3FF)
                throw new IllegalArgumentException("RED block too old or too long: offset " + tsOffset + ", " + r.data().length + " bytes");
            out.write(0x80 | r.payloadType());
            out.write((int) (tsOffset >> 6));
            out.write((int) (((tsOffset & 0x3F) << 2) | (r.data().length >> 8)));
            out.write(r.data().length & 0xFF);
        }
        out.write(primary.payloadType());
        for (Block r : redundant)
            out.write(r.data(), 0, r.data().length);
        out.write(primary.data(), 0, primary.data().length);
        return out.toByteArray();
    }
}
