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
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        if (plugin == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The SIP gateway is not running");
            return;
        }
        if (!MonitoringAccess.allowed(request, plugin.monitoringToken())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Monitoring needs an admin login, a request from this host, or the monitoring token");
            return;
        }
        write(plugin, response);
    }

    abstract void write(SipGatewayPlugin plugin, HttpServletResponse response) throws IOException;
}
