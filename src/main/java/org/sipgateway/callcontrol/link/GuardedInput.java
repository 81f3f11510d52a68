package org.sipgateway.callcontrol.link;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * The socket's input as the XML parser sees it: caps the bytes of one stanza (the parser would otherwise buffer a
 * giant token whole), notes when anything last arrived, and turns the socket's read timeout into {@link Ticker}
 * calls instead of an exception the parser could not recover from.
 */
final class GuardedInput extends FilterInputStream {
    /** Called whenever nothing arrived for one socket timeout; may throw to end the connection. */
    interface Ticker {
        void tick() throws IOException;
    }

    private final long limit;
    private final Ticker ticker;
    private volatile long lastReadNanos = System.nanoTime();
    private long sinceBoundary;
    private boolean endOfStream;

    GuardedInput(InputStream in, long limit, Ticker ticker) {
        super(in);
        this.limit = limit;
        this.ticker = ticker;
    }

    /** The parser is between stanzas: what it reads from now on counts toward the next one. */
    void boundary() {
        sinceBoundary = 0;
    }

    long lastReadNanos() {
        return lastReadNanos;
    }

    /** True once the server closed its side of the connection. */
    boolean endOfStream() {
        return endOfStream;
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        final int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            final int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (SocketTimeoutException quiet) {
                ticker.tick();
                continue;
            }
            if (n < 0) {
                endOfStream = true;
                return n;
            }
            lastReadNanos = System.nanoTime();
            // the parser asks for more only after it scanned what it had: if that was already over the limit with no
            // stanza boundary, the current stanza is too big (the last chunk may hold the next stanza's start)
            if (sinceBoundary > limit) {
                throw new LinkFailure("the server sent a stanza larger than " + limit + " bytes", "policy-violation");
            }
            sinceBoundary += n;
            return n;
        }
    }
}
