package org.sipgateway.plugin.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jivesoftware.util.LocaleUtils;
import java.time.Instant;
import java.util.Optional;
import org.sipgateway.callcontrol.link.LinkState;
import org.sipgateway.gateway.CallInfo;
import org.sipgateway.plugin.GatewayStatus;
import org.sipgateway.plugin.SettingProblem;
import org.sipgateway.sip.registration.RegistrationState;
import org.sipgateway.plugin.SipGatewayPlugin;

/** Admin console page: is the gateway running, where is its component, which settings were rejected. */
public final class StatusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String PLUGIN = "sipgateway";

    /** The hang-up button of a live call: ends it with BYE, then shows the page again. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        if (!CsrfGuard.accepts(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "The form expired or did not come from this page: reload the status page and try again.");
            return;
        }
        final String call = request.getParameter("hangup");
        if (plugin == null || call == null || !plugin.calls().hangup(call, "Ended by the administrator")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No live call '" + Html.escape(call) + "'");
            return;
        }
        response.sendRedirect("status?ended=" + java.net.URLEncoder.encode(call, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Html.adminPageHeaders(response);
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        final PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html><head><title>" + text("status.title") + "</title>");
        out.println("<meta name=\"pageID\" content=\"sipgateway-status\"/></head><body>");
        if (plugin == null) {
            out.println("<p>" + text("status.not-running") + "</p></body></html>");
            return;
        }
        out.println("<h1>" + text("status.title") + "</h1>");
        plugin.openfireRelease().filter(r -> r.adminConsoleBypassable()).ifPresent(release -> out.println(
                "<div class=\"jive-error\" id=\"openfire-advisory\">"
                        + text("status.openfire-advisory").replace("{0}", release.toString()) + "</div>"));
        out.println("<table class=\"jive-table\" id=\"sipgateway-status\">");
        final GatewayStatus status = plugin.status();
        row(out, text("status.callcontrol"), Html.escape(plugin.callControlAddress()));
        if (!plugin.callControlLinkTarget().isEmpty()) {
            out.println("<tr><td>" + text("status.callcontrol-link") + "</td><td id=\"callcontrol-link\">"
                    + link(plugin) + "</td></tr>");
        }
        row(out, text("status.sip"), Html.escape(status.sipListening()));
        out.println("<tr><td>" + text("status.xmpp") + "</td><td id=\"xmpp-server\">" + Html.escape(plugin.conferenceServer())
                + "</td></tr>");
        row(out, text("status.capacity"), status.calls().size() + " / " + plugin.maxCalls()
                + (plugin.draining() ? " (" + text("status.draining") + ")" : ""));
        row(out, text("status.xmpp-connections"), Integer.toString(status.calls().size()));
        final SipGatewayPlugin.BreweryView brewery = plugin.brewery();
        row(out, text("status.brewery"), brewery == null ? text("status.brewery.none")
                : Html.escape(brewery.room() + ": " + brewery.status().state() + " (" + brewery.status().detail() + ")"
                        + (brewery.status().nextAttempt() == null ? "" : ", " + text("status.next-attempt") + " "
                                + brewery.status().nextAttempt())));
        out.println("</table>");
        registrations(out, status);
        calls(out, status, CsrfGuard.token(request));
        new IvrStatusSection(key -> LocaleUtils.getLocalizedString(key, PLUGIN)).render(out, status.calls(),
                room -> plugin.pins().pinFor(room), plugin.ivrEnabled(), plugin.ivrNumber(), plugin.ivrPrompts());
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

    /** The external component link: state, server, since when, and when failing why and the next attempt. */
    private static String link(SipGatewayPlugin plugin) {
        final String target = Html.escape(plugin.callControlLinkTarget());
        final Optional<LinkState> state = plugin.callControlLink();
        if (state.isEmpty()) {
            return text("status.link-not-started") + " (" + target + ")";
        }
        final LinkState s = state.get();
        final StringBuilder out = new StringBuilder("<b>").append(s.status()).append("</b> ").append(target)
                .append(", ").append(text("status.since")).append(' ').append(s.since());
        if (!s.reason().isEmpty()) {
            out.append("<br/>").append(text("status.last-problem")).append(": ").append(Html.escape(s.reason()));
        }
        if (s.nextAttempt() != null) {
            out.append("<br/>").append(text("status.next-attempt")).append(": ").append(s.nextAttempt());
        }
        return out.toString();
    }

    private static void registrations(PrintWriter out, GatewayStatus status) {
        out.println("<h2>" + text("status.registrations") + "</h2>");
        if (status.registrations().isEmpty()) {
            out.println("<p id=\"no-registrations\">" + text("status.no-registrations") + "</p>");
            return;
        }
        out.println("<table class=\"jive-table\" id=\"sipgateway-registrations\"><tr><th>" + text("status.account")
                + "</th><th>" + text("status.state") + "</th><th>" + text("status.reason") + "</th><th>"
                + text("status.next-attempt") + "</th></tr>");
        for (GatewayStatus.Registration r : status.registrations()) {
            final RegistrationState s = r.state();
            out.println("<tr><td>" + Html.escape(r.account()) + "</td><td>" + s.status() + "</td><td>"
                    + Html.escape(s.reason()) + "</td><td>" + (s.nextAttempt() == null ? "" : s.nextAttempt()) + "</td></tr>");
        }
        out.println("</table>");
    }

    private static void calls(PrintWriter out, GatewayStatus status, String csrf) {
        out.println("<h2>" + text("status.calls") + " (" + status.calls().size() + ")</h2>");
        out.println("<table class=\"jive-table\" id=\"sipgateway-calls\"><tr><th>" + text("status.call")
                + "</th><th>" + text("status.direction") + "</th><th>" + text("status.caller") + "</th><th>"
                + text("status.room") + "</th><th>" + text("status.codec") + "</th><th>" + text("status.state")
                + "</th><th>" + text("status.duration") + "</th><th>" + text("status.loss") + "</th><th>"
                + text("status.jitter") + "</th><th></th></tr>");
        final Instant now = Instant.now();
        for (CallInfo c : status.calls()) {
            out.println("<tr><td>" + Html.escape(c.id()) + "</td><td>" + c.direction() + "</td><td>"
                    + Html.escape(c.caller()) + "</td><td>" + Html.escape(c.room()) + "</td><td>" + Html.escape(c.codec())
                    + "</td><td>" + c.state() + "</td><td>" + c.duration(now).toSeconds() + " s</td><td>"
                    + loss(c) + "</td><td>" + jitter(c) + "</td><td>"
                    + "<form method=\"post\" action=\"status\"><input type=\"hidden\" name=\"csrf\" value=\""
                    + Html.escape(csrf) + "\"/><input type=\"hidden\" name=\"hangup\" value=\"" + Html.escape(c.id())
                    + "\"/><input type=\"submit\" value=\"" + text("status.hangup") + "\"/></form></td></tr>");
        }
        out.println("</table>");
    }

    /** Loss of what the phone sends us, in percent (RFC 3550 cumulative lost over expected). */
    private static String loss(CallInfo c) {
        if (c.media() == null) {
            return "";
        }
        final long lost = Math.max(0, c.media().sip().packetsLost());
        final long expected = c.media().sip().packetsReceived() + lost;
        return expected == 0 ? "0 %" : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * lost / expected);
    }

    private static String jitter(CallInfo c) {
        return c.media() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f ms", c.media().sip().jitterMillis());
    }

    private static void row(PrintWriter out, String label, String value) {
        out.println("<tr><td>" + label + "</td><td>" + value + "</td></tr>");
    }

    private static String text(String key) {
        return Html.escape(LocaleUtils.getLocalizedString(key, PLUGIN));
    }
}
