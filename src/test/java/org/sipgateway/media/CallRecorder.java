package org.sipgateway.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A {@link MediaListener} that remembers every event. */
final class CallRecorder implements MediaListener {
    final CountDownLatch connected = new CountDownLatch(1);
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<MediaSide> timeouts = new CopyOnWriteArrayList<>();
    final List<Character> digits = new CopyOnWriteArrayList<>();
    volatile int connections;

    @Override public void onBridgeConnected() { connections++; connected.countDown(); }

    @Override public void onTransportFailed(String reason) { failures.add(reason); }

    @Override public void onRtpTimeout(MediaSide side) { timeouts.add(side); }

    @Override public void onDtmfFromSip(char digit, int durationMillis) { digits.add(digit); }
}
