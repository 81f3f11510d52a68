package org.sipgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's own view of its RTP from /plugins/sipgateway/metrics (Prometheus text): packets received and lost
 * (RFC 3550, as the gateway counts them) per side, {@code sip} from the phones and {@code bridge} from the bridge.
 */
record GatewayRtpCounters(long sipReceived, long sipLost, long bridgeReceived, long bridgeLost) {
    static final GatewayRtpCounters UNREADABLE = new GatewayRtpCounters(-1, -1, -1, -1);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile(
            "(?m)^sipgateway_rtp_packets_(received|lost)_total\\{side=\"(sip|bridge)\"} (\\d+)$");

    /** Reads the counters, or {@link #UNREADABLE} (the figures then print as n/a; the benchmark does not fail on it). */
    static GatewayRtpCounters read(String metricsUrl) {
        try {
            final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return UNREADABLE;
            }
            final long[] v = {-1, -1, -1, -1};
            final Matcher m = SAMPLE.matcher(r.body());
            while (m.find()) {
                final int index = (m.group(2).equals("sip") ? 0 : 2) + (m.group(1).equals("lost") ? 1 : 0);
                v[index] = Long.parseLong(m.group(3));
            }
            return new GatewayRtpCounters(v[0], v[1], v[2], v[3]);
        } catch (java.io.IOException e) {
            return UNREADABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREADABLE;
        }
    }

    boolean readable() {
        return sipReceived >= 0 && sipLost >= 0 && bridgeReceived >= 0 && bridgeLost >= 0;
    }

    /** Loss in percent on {@code sip} and {@code bridge} between {@code earlier} and this reading; NaN if unknown. */
    double[] lossPercentSince(GatewayRtpCounters earlier) {
        if (!readable() || !earlier.readable()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {percent(sipReceived - earlier.sipReceived, sipLost - earlier.sipLost),
            percent(bridgeReceived - earlier.bridgeReceived, bridgeLost - earlier.bridgeLost)};
    }

    private static double percent(long received, long lost) {
        final long lostPositive = Math.max(0, lost);
        return received + lostPositive <= 0 ? Double.NaN : 100.0 * lostPositive / (received + lostPositive);
    }
}
