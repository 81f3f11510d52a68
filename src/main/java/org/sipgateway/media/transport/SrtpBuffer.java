package org.sipgateway.media.transport;

import java.util.Arrays;
import org.jitsi.utils.ByteArrayBuffer;

/** A growable byte range that jitsi-srtp transforms in place (it appends the auth tag, strips it on reverse). */
final class SrtpBuffer implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    SrtpBuffer(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    @Override public byte[] getBuffer() { return buffer; }

    @Override public int getOffset() { return offset; }

    @Override public int getLength() { return length; }

    @Override public void setLength(int len) { this.length = len; }

    @Override public void setOffset(int off) { this.offset = off; }

    @Override public boolean isInvalid() { return false; }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length)
            buffer = Arrays.copyOf(buffer, offset + length + howMuch);
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
