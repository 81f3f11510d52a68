package org.sipgateway.plugin.web;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Short text answers, so an error never reaches a client as the servlet container's page with a stack trace. */
final class PlainText {
    private static final Logger LOG = LoggerFactory.getLogger(PlainText.class);

    private PlainText() {
    }

    static void send(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=UTF-8");
        response.getWriter().print(text + "\n");
    }

    /** A failure of ours: the log gets the details, the client one line. */
    static void failed(HttpServletResponse response, String what, RuntimeException e) throws IOException {
        LOG.warn("{} failed: {}", what, e.toString(), e);
        if (!response.isCommitted()) {
            response.resetBuffer();
            send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal error: see the Openfire log");
        }
    }
}
