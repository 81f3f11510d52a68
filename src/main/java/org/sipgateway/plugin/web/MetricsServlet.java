package org.sipgateway.plugin.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.gateway.CallInfo;
import org.sipgateway.gateway.CallStatistics;
import org.sipgateway.plugin.GatewayStatus;
import org.sipgateway.plugin.SipGatewayPlugin;
import org.sipgateway.sip.registration.RegistrationState;

/** /metrics in the Prometheus text exposition format (version 0.0.4). */
public final class MetricsServlet extends MonitoringServlet {
    private static final long serialVersionUID = 1L;

    @Override
    void write(SipGatewayPlugin plugin, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; version=0.0.4; charset=UTF-8");
        final PrintWriter out = response.getWriter();
        final CallStatistics.Snapshot stats = plugin.statistics().snapshot();
        final GatewayStatus status = plugin.status();

        header(out, "sipgateway_calls_total", "counter", "Calls that ended, by direction and whether audio was bridged.");
        for (Map.Entry<String, Long> e : stats.ended().entrySet()) {
            final String[] labels = e.getKey().split(",");
            out.printf(Locale.ROOT, "sipgateway_calls_total{direction=\"%s\",result=\"%s\"} %d%n", labels[0], labels[1],
                    e.getValue());
        }
        header(out, "sipgateway_calls_active", "gauge", "Calls in progress.");
        out.println("sipgateway_calls_active " + status.calls().size());
        header(out, "sipgateway_draining", "gauge", "1 while new calls are refused (graceful shutdown).");
        out.println("sipgateway_draining " + (plugin.draining() ? 1 : 0));
        header(out, "sipgateway_openfire_admin_console_bypassable", "gauge",
                "1 when this Openfire release lets anyone past the admin console login (CVE-2023-32315): update it.");
        out.println("sipgateway_openfire_admin_console_bypassable " + (plugin.openfireWarning().isPresent() ? 1 : 0));
        header(out, "sipgateway_sip_registered", "gauge", "1 when the SIP account is registered.");
        for (GatewayStatus.Registration r : status.registrations()) {
            out.printf(Locale.ROOT, "sipgateway_sip_registered{account=\"%s\"} %d%n", escape(r.account()),
                    r.state().status() == RegistrationState.Status.REGISTERED ? 1 : 0);
        }
        rtp(out, stats, status.calls());
        header(out, "sipgateway_call_setup_seconds", "histogram", "Time from the INVITE to the 200 OK of connected calls.");
        long cumulative = 0;
        for (int i = 0; i < CallStatistics.SETUP_BUCKETS.length; i++) {
            cumulative += stats.setupBuckets()[i];
            out.printf(Locale.ROOT, "sipgateway_call_setup_seconds_bucket{le=\"%s\"} %d%n",
                    Double.toString(CallStatistics.SETUP_BUCKETS[i]), cumulative);
        }
        out.printf(Locale.ROOT, "sipgateway_call_setup_seconds_bucket{le=\"+Inf\"} %d%n", stats.setupCount());
        out.printf(Locale.ROOT, "sipgateway_call_setup_seconds_sum %.3f%n", stats.setupSumSeconds());
        out.printf(Locale.ROOT, "sipgateway_call_setup_seconds_count %d%n", stats.setupCount());
    }

    /** Finished calls' totals plus what live calls have counted so far. */
    private static void rtp(PrintWriter out, CallStatistics.Snapshot stats, List<CallInfo> live) {
        long sipReceived = stats.sip().received();
        long sipLost = stats.sip().lost();
        long bridgeReceived = stats.bridge().received();
        long bridgeLost = stats.bridge().lost();
        for (CallInfo c : live) {
            if (c.media() != null) {
                sipReceived += c.media().sip().packetsReceived();
                sipLost += Math.max(0, c.media().sip().packetsLost());
                bridgeReceived += c.media().bridge().packetsReceived();
                bridgeLost += Math.max(0, c.media().bridge().packetsLost());
            }
        }
        header(out, "sipgateway_rtp_packets_received_total", "counter", "RTP packets received, by side.");
        out.println("sipgateway_rtp_packets_received_total{side=\"sip\"} " + sipReceived);
        out.println("sipgateway_rtp_packets_received_total{side=\"bridge\"} " + bridgeReceived);
        header(out, "sipgateway_rtp_packets_lost_total", "counter", "RTP packets lost on the way to us (RFC 3550), by side.");
        out.println("sipgateway_rtp_packets_lost_total{side=\"sip\"} " + sipLost);
        out.println("sipgateway_rtp_packets_lost_total{side=\"bridge\"} " + bridgeLost);
    }

    private static void header(PrintWriter out, String name, String type, String help) {
        out.println("# HELP " + name + " " + help);
        out.println("# TYPE " + name + " " + type);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
