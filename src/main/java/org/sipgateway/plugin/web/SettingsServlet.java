package org.sipgateway.plugin.web;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jivesoftware.util.LocaleUtils;
import org.sipgateway.plugin.OpenfireProperties;

/** Admin console page to edit every setting; saved values apply at once (the plugin restarts what changed). */
public final class SettingsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Texts TEXTS = key -> LocaleUtils.getLocalizedString(key, "sipgateway");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        prepare(response);
        form().render(response.getWriter(), CsrfGuard.token(request), name -> null, Map.of(),
                request.getParameter("saved") != null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        if (!CsrfGuard.accepts(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "The form expired or did not come from this page: reload the settings page and save again.");
            return;
        }
        final Map<String, String> errors = form().apply(request::getParameter);
        if (errors.isEmpty()) {
            response.sendRedirect("settings?saved=1"); // post/redirect/get: a reload does not post twice
            return;
        }
        prepare(response);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        form().render(response.getWriter(), CsrfGuard.token(request), request::getParameter, errors, false);
    }

    private static SettingsForm form() {
        return new SettingsForm(new OpenfireProperties(), TEXTS);
    }

    private static void prepare(HttpServletResponse response) {
        Html.adminPageHeaders(response);
    }
}
