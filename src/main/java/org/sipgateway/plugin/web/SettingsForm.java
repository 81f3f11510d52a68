package org.sipgateway.plugin.web;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sipgateway.plugin.PropertyStore;
import org.sipgateway.plugin.SettingKey;
import org.sipgateway.plugin.Settings;

/**
 * The settings page without the servlet: renders every {@code sipgateway.*} setting grouped by area,
 * and applies a submission all or nothing (one bad value saves nothing and is shown next to its field).
 * A secret is never written into the page: its field is empty, beside it "set" or "not set" and a box to clear it.
 */
public final class SettingsForm {
    /** The check box that clears a secret is named this followed by the setting's name. */
    public static final String CLEAR = "clear:";

    private final PropertyStore store;
    private final Texts texts;

    public SettingsForm(PropertyStore store, Texts texts) {
        this.store = store;
        this.texts = texts;
    }

    /** Validates the submitted values; saves the changed ones only when all are valid. Returns the errors. */
    public Map<String, String> apply(Function<String, String> submitted) {
        final Map<String, String> errors = new LinkedHashMap<>();
        final Map<String, String> changes = new LinkedHashMap<>();
        for (SettingKey<?> key : Settings.ALL) {
            final String raw = submitted.apply(key.name());
            if (key.isSecret() && "1".equals(submitted.apply(CLEAR + key.name()))) {
                if (raw != null && !raw.isEmpty()) {
                    errors.put(key.name(), texts.getOr("settings.secret-both", "type a new value or clear it, not both"));
                } else if (store.get(key.name()) != null) {
                    changes.put(key.name(), "");
                }
                continue;
            }
            if (raw == null || key.isSecret() && raw.isEmpty()) {
                continue; // not on the form, or a secret left unchanged
            }
            final Optional<String> error = Settings.validate(key, raw);
            if (error.isPresent()) {
                errors.put(key.name(), error.get());
            } else if (!raw.trim().equals(nullToEmpty(store.get(key.name())))) {
                changes.put(key.name(), raw.trim());
            }
        }
        if (errors.isEmpty()) {
            changes.forEach((name, value) -> {
                if (value.isEmpty()) {
                    store.delete(name);
                } else {
                    store.set(name, value);
                }
            });
        }
        return errors;
    }

    /** The form: current (or just submitted) values, an error next to each rejected field. */
    public void render(PrintWriter out, String csrfToken, Function<String, String> submitted, Map<String, String> errors,
            boolean saved) {
        out.println("<!DOCTYPE html><html><head><title>" + text("settings.title") + "</title>");
        out.println("<meta name=\"pageID\" content=\"sipgateway-settings\"/></head><body>");
        out.println("<h1>" + text("settings.title") + "</h1>");
        if (saved) {
            out.println("<div class=\"jive-success\" id=\"saved\">" + text("settings.saved") + "</div>");
        }
        if (!errors.isEmpty()) {
            out.println("<div class=\"jive-error\" id=\"not-saved\">" + text("settings.not-saved") + "</div>");
        }
        out.println("<form method=\"post\" action=\"settings\">");
        out.println("<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(csrfToken) + "\"/>");
        for (SettingKey.Group group : SettingKey.Group.values()) {
            renderGroup(out, group, submitted, errors);
        }
        out.println("<p><input type=\"submit\" name=\"save\" value=\"" + text("settings.save") + "\"/></p>");
        out.println("</form></body></html>");
    }

    private void renderGroup(PrintWriter out, SettingKey.Group group, Function<String, String> submitted,
            Map<String, String> errors) {
        final String id = group.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (Settings.ALL.stream().noneMatch(k -> k.group() == group)) {
            return;
        }
        out.println("<fieldset id=\"group-" + id + "\"><legend>" + text("group." + id) + "</legend>");
        out.println("<table class=\"jive-table\">");
        for (SettingKey<?> key : Settings.ALL) {
            if (key.group() == group) {
                renderField(out, key, submitted, errors.get(key.name()));
            }
        }
        out.println("</table></fieldset>");
    }

    private void renderField(PrintWriter out, SettingKey<?> key, Function<String, String> submitted, String error) {
        final String name = key.name();
        final String given = submitted.apply(name);
        final String value = key.isSecret() ? "" : given != null ? given : nullToEmpty(store.get(name));
        out.println("<tr><td><label for=\"" + name + "\">" + text("setting." + name) + "</label>"
                + "<br/><small>" + text("setting." + name + ".help") + "</small></td>");
        out.print("<td><input id=\"" + name + "\" name=\"" + name + "\" type=\""
                + (key.isSecret() ? "password\" autocomplete=\"new-password" : "text") + "\" size=\"40\" value=\""
                + Html.escape(value) + "\" placeholder=\"" + Html.escape(placeholder(key)) + "\"/>");
        if (key.isSecret()) {
            renderSecretState(out, name);
        }
        if (error != null) {
            out.print("<div class=\"jive-error-text\" id=\"error-" + name + "\">" + Html.escape(error) + "</div>");
        }
        out.println("</td></tr>");
    }

    /** Whether the secret is set (never its value), and the box that clears it. */
    private void renderSecretState(PrintWriter out, String name) {
        final boolean set = store.get(name) != null && !store.get(name).isEmpty();
        out.print(" <span class=\"secret-state\" id=\"state-" + name + "\">"
                + text(set ? "settings.secret-set" : "settings.secret-not-set") + "</span>");
        if (set) {
            out.print(" <label><input type=\"checkbox\" name=\"" + CLEAR + name + "\" id=\"clear-" + name
                    + "\" value=\"1\"/> " + text("settings.secret-clear") + "</label>");
        }
    }

    private String placeholder(SettingKey<?> key) {
        if (key.isSecret()) {
            return store.get(key.name()) == null ? "" : texts.getOr("settings.secret-unchanged", "(unchanged)");
        }
        return key.defaultText();
    }

    private String text(String key) {
        return Html.escape(texts.getOr(key, key));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
