package org.sipgateway.plugin.web;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sipgateway.gateway.CallInfo;
import org.sipgateway.gateway.ivr.Prompt;
import org.sipgateway.gateway.ivr.PromptLibrary;

/**
 * The status page's dial-in part: the PIN of each room that has calls now (what callers type in the keypad IVR),
 * and the IVR itself: on or off, its number, and each prompt with the file in use (shipped or the admin's) and
 * its length, plus the replacement files that could not be used.
 */
public final class IvrStatusSection {
    private final Texts texts;

    public IvrStatusSection(Texts texts) {
        this.texts = texts;
    }

    /** @param pinOf the PIN of a room JID (created on first use, as Meet's dial-in dialog would) */
    public void render(PrintWriter out, List<CallInfo> calls, Function<String, String> pinOf, boolean enabled,
            String number, PromptLibrary prompts) {
        pins(out, calls, pinOf);
        out.println("<h2>" + text("ivr.title") + "</h2>");
        out.println("<table class=\"jive-table\" id=\"sipgateway-ivr\">");
        row(out, text("ivr.enabled"), text(enabled ? "ivr.on" : "ivr.off"));
        row(out, text("ivr.number"), number.isEmpty() ? text("ivr.no-number") : Html.escape(number));
        row(out, text("ivr.language"), Html.escape(prompts.language()));
        row(out, text("ivr.folder"), prompts.overrideFolder() == null ? text("ivr.no-folder")
                : Html.escape(prompts.overrideFolder().toString()));
        out.println("</table>");
        out.println("<table class=\"jive-table\" id=\"sipgateway-prompts\"><tr><th>" + text("ivr.prompt") + "</th><th>"
                + text("ivr.source") + "</th><th>" + text("ivr.file") + "</th><th>" + text("ivr.prompt-duration")
                + "</th></tr>");
        for (Prompt p : prompts.all()) {
            out.println("<tr><td>" + Html.escape(p.name().fileName()) + "</td><td>"
                    + text(p.origin() == Prompt.Origin.SHIPPED ? "ivr.shipped" : "ivr.override") + "</td><td>"
                    + Html.escape(p.location()) + "</td><td>"
                    + String.format(Locale.ROOT, "%.1f s", p.pcm().length / (double) p.sampleRate()) + "</td></tr>");
        }
        out.println("</table>");
        if (!prompts.problems().isEmpty()) {
            out.println("<ul id=\"sipgateway-prompt-problems\">");
            prompts.problems().forEach(problem -> out.println("<li>" + Html.escape(problem) + "</li>"));
            out.println("</ul>");
        }
    }

    private void pins(PrintWriter out, List<CallInfo> calls, Function<String, String> pinOf) {
        out.println("<h2>" + text("ivr.pins") + "</h2>");
        final List<String> rooms = calls.stream().map(CallInfo::room).filter(r -> r != null && !r.isEmpty())
                .distinct().sorted().toList();
        if (rooms.isEmpty()) {
            out.println("<p id=\"no-pins\">" + text("ivr.no-rooms") + "</p>");
            return;
        }
        out.println("<table class=\"jive-table\" id=\"sipgateway-pins\"><tr><th>" + text("status.room") + "</th><th>"
                + text("ivr.pin") + "</th></tr>");
        for (String room : rooms) {
            String pin;
            try {
                pin = pinOf.apply(room);
            } catch (RuntimeException e) {
                pin = texts.getOr("ivr.pin-failed", "unavailable") + ": " + e.getMessage();
            }
            out.println("<tr><td>" + Html.escape(room) + "</td><td class=\"pin\">" + Html.escape(pin) + "</td></tr>");
        }
        out.println("</table>");
    }

    private static void row(PrintWriter out, String label, String value) {
        out.println("<tr><td>" + label + "</td><td>" + value + "</td></tr>");
    }

    private String text(String key) {
        return Html.escape(texts.getOr(key, key));
    }
}
