package org.sipgateway.plugin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.plugin.HealthCheck;
import org.sipgateway.plugin.SipGatewayPlugin;

/**
 * /health: 200 "OK" when the gateway can take calls, 503 with one reason per line when it cannot; either way
 * followed by one "warning: ..." line per warning (which never turns the status to 503).
 */
public final class HealthServlet extends MonitoringServlet {
    private static final long serialVersionUID = 1L;

    @Override
    void write(SipGatewayPlugin plugin, HttpServletResponse response) throws IOException {
        final HealthCheck health = plugin.health();
        final List<String> lines = new ArrayList<>(health.healthy() ? List.of("OK") : health.problems());
        health.warnings().forEach(w -> lines.add("warning: " + w));
        response.setContentType("text/plain; charset=UTF-8");
        response.setStatus(health.healthy() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.getWriter().print(String.join("\n", lines) + "\n");
    }
}
