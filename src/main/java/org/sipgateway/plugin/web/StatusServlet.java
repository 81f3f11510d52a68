package org.sipgateway.plugin.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jivesoftware.util.LocaleUtils;
import org.sipgateway.plugin.SettingProblem;
import org.sipgateway.plugin.SipGatewayPlugin;

/** Admin console page: is the gateway running, where is its component, which settings were rejected. */
public final class StatusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String PLUGIN = "sipgateway";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        final PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html><head><title>" + text("status.title") + "</title>");
        out.println("<meta name=\"pageID\" content=\"sipgateway-status\"/></head><body>");
        if (plugin == null) {
            out.println("<p>" + text("status.not-running") + "</p></body></html>");
            return;
        }
        out.println("<h1>" + text("status.title") + "</h1>");
        out.println("<table class=\"jive-table\" id=\"sipgateway-status\">");
        row(out, text("status.callcontrol"), Html.escape(plugin.callControlAddress()));
        out.println("</table>");
        out.println("<h2>" + text("status.problems") + "</h2><ul id=\"sipgateway-problems\">");
        if (plugin.settings().problems().isEmpty() && plugin.partFailures().isEmpty()) {
            out.println("<li>" + text("status.no-problems") + "</li>");
        }
        for (SettingProblem problem : plugin.settings().problems()) {
            out.println("<li>" + Html.escape(problem.message()) + "</li>");
        }
        for (String failure : plugin.partFailures()) {
            out.println("<li>" + Html.escape(failure) + "</li>");
        }
        out.println("</ul></body></html>");
    }

    private static void row(PrintWriter out, String label, String value) {
        out.println("<tr><td>" + label + "</td><td>" + value + "</td></tr>");
    }

    private static String text(String key) {
        return Html.escape(LocaleUtils.getLocalizedString(key, PLUGIN));
    }
}
