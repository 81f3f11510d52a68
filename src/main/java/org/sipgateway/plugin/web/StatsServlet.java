package org.sipgateway.plugin.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.gateway.CallInfo;
import org.sipgateway.gateway.CallStatistics;
import org.sipgateway.plugin.SipGatewayPlugin;

/** /stats: a JSON object with the figures Jigasi's /about/stats gives (conferences, participants, ...). */
public final class StatsServlet extends MonitoringServlet {
    private static final long serialVersionUID = 1L;

    @Override
    void write(SipGatewayPlugin plugin, HttpServletResponse response) throws IOException {
        final List<CallInfo> calls = plugin.status().calls();
        final CallStatistics.Snapshot stats = plugin.statistics().snapshot();
        final long conferences = calls.stream().map(CallInfo::room).distinct().count();
        response.setContentType("application/json; charset=UTF-8");
        response.getWriter().print(String.format(Locale.ROOT, "{\"conferences\":%d,\"participants\":%d,"
                        + "\"total_calls\":%d,\"total_calls_ended\":%d,\"graceful_shutdown\":%b,"
                        + "\"supports_sip\":true,\"supports_transcription\":false}",
                conferences, calls.size(), stats.total() + calls.size(), stats.total(), plugin.draining()));
    }
}
