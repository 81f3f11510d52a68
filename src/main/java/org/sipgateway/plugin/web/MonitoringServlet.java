package org.sipgateway.plugin.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.plugin.SipGatewayPlugin;

/** The three monitoring endpoints share their access rule; each writes its own body. */
abstract class MonitoringServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        if (plugin == null) {
            PlainText.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The SIP gateway is not running");
            return;
        }
        if (!MonitoringAccess.allowed(request, plugin.monitoringToken(), plugin.monitoringTrustsLoopback())) {
            // RFC 6750 section 3: a missing or wrong bearer token is 401 with the challenge
            response.setHeader("WWW-Authenticate", "Bearer realm=\"sipgateway\"");
            PlainText.send(response, HttpServletResponse.SC_UNAUTHORIZED, "Monitoring needs Authorization: Bearer "
                    + "<sipgateway.monitoring.token> or an admin login (requests from this host only with "
                    + "sipgateway.monitoring.trust-loopback=true and no proxy in between)");
            return;
        }
        try {
            write(plugin, response);
        } catch (RuntimeException e) {
            PlainText.failed(response, getClass().getSimpleName(), e);
        }
    }

    abstract void write(SipGatewayPlugin plugin, HttpServletResponse response) throws IOException;
}
