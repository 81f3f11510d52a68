package org.sipgateway.plugin.web;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.plugin.HealthCheck;
import org.sipgateway.plugin.SipGatewayPlugin;

/** /health: 200 "OK" when the gateway can take calls, 503 with one reason per line when it cannot. */
public final class HealthServlet extends MonitoringServlet {
    private static final long serialVersionUID = 1L;

    @Override
    void write(SipGatewayPlugin plugin, HttpServletResponse response) throws IOException {
        final HealthCheck health = plugin.health();
        response.setContentType("text/plain; charset=UTF-8");
        response.setStatus(health.healthy() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.getWriter().print(health.healthy() ? "OK\n" : String.join("\n", health.problems()) + "\n");
    }
}
