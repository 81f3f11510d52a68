package org.sipgateway.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sipgateway.plugin.PropertyStore;

class SettingsFormTest {
    private final Map<String, String> properties = new HashMap<>();
    private final PropertyStore store = new PropertyStore() {
        @Override
        public String get(String name) {
            return properties.get(name);
        }

        @Override
        public void set(String name, String value) {
            properties.put(name, value);
        }

        @Override
        public void delete(String name) {
            properties.remove(name);
        }
    };

    @Test
    void rendersEverySettingWithItsLabelInEnglishAndGerman() throws Exception {
        final String english = render(new SettingsForm(store, bundle("")), Map.of());
        assertTrue(english.contains("Call-control subdomain") && english.contains("name=\"csrf\" value=\"token-1\""),
                english);
        assertTrue(english.contains("id=\"group-call-control\"") && english.contains("placeholder=\"callcontrol\""));
        final String german = render(new SettingsForm(store, bundle("_de")), Map.of());
        assertTrue(german.contains("Subdomain der Anrufsteuerung") && german.contains("Einstellungen speichern"), german);
    }

    @Test
    void aBadValueIsShownNextToItsFieldAndNothingIsSaved() throws Exception {
        properties.put("sipgateway.callcontrol.subdomain", "callcontrol");
        final SettingsForm form = new SettingsForm(store, bundle(""));
        final Map<String, String> submitted = Map.of("sipgateway.callcontrol.subdomain", "bad value!");
        final Map<String, String> errors = form.apply(submitted::get);
        assertEquals("callcontrol", properties.get("sipgateway.callcontrol.subdomain"), "nothing saved");
        assertTrue(errors.get("sipgateway.callcontrol.subdomain").contains("DNS label"));
        final StringWriter page = new StringWriter();
        form.render(new PrintWriter(page), "t", submitted::get, errors, false);
        assertTrue(page.toString().contains("id=\"error-sipgateway.callcontrol.subdomain\""), page.toString());
        assertTrue(page.toString().contains("value=\"bad value!\""), "the admin sees what they typed");
        assertTrue(page.toString().contains("Nothing was saved"));
    }

    @Test
    void goodValuesAreSavedAndEmptyMeansDefault() throws Exception {
        final SettingsForm form = new SettingsForm(store, bundle(""));
        assertEquals(Map.of(), form.apply(Map.of("sipgateway.callcontrol.subdomain", " phones ")::get));
        assertEquals("phones", properties.get("sipgateway.callcontrol.subdomain"));
        assertEquals(Map.of(), form.apply(Map.of("sipgateway.callcontrol.subdomain", "")::get));
        assertFalse(properties.containsKey("sipgateway.callcontrol.subdomain"), "empty deletes: the default applies");
    }

    @Test
    void aSecretIsNeverShownOnlyWhetherItIsSetAndItCanBeCleared() throws Exception {
        properties.put("sipgateway.sip.account.password", "pa\"ss<w>ord-1");
        final SettingsForm form = new SettingsForm(store, bundle(""));
        final String page = render(form, Map.of());
        assertFalse(page.contains("pa\"ss") && page.contains("ss&lt;w&gt;ord-1"), "the stored password is not in the page");
        assertFalse(page.contains("ord-1"), page);
        assertTrue(page.contains("id=\"state-sipgateway.sip.account.password\">set</span>"), page);
        assertTrue(page.contains("name=\"clear:sipgateway.sip.account.password\""), "a box to clear it");
        assertTrue(page.contains("id=\"state-sipgateway.xmpp.password\">not set</span>")
                && !page.contains("name=\"clear:sipgateway.xmpp.password\""), "nothing to clear when not set");

        assertEquals(Map.of(), form.apply(Map.of("sipgateway.sip.account.password", "")::get));
        assertEquals("pa\"ss<w>ord-1", properties.get("sipgateway.sip.account.password"), "an empty field keeps it");
        assertTrue(form.apply(Map.of("sipgateway.sip.account.password", "new",
                "clear:sipgateway.sip.account.password", "1")::get).containsKey("sipgateway.sip.account.password"),
                "a new value and clear at once is refused");
        assertEquals("pa\"ss<w>ord-1", properties.get("sipgateway.sip.account.password"));
        assertEquals(Map.of(), form.apply(Map.of("sipgateway.sip.account.password", "",
                "clear:sipgateway.sip.account.password", "1")::get));
        assertFalse(properties.containsKey("sipgateway.sip.account.password"), "cleared");
        assertTrue(render(form, Map.of()).contains("id=\"state-sipgateway.sip.account.password\">not set</span>"));
    }

    @Test
    void aRejectedFormNeverEchoesASecret() throws Exception {
        final SettingsForm form = new SettingsForm(store, bundle(""));
        final Map<String, String> submitted = Map.of("sipgateway.sip.port", "99999",
                "sipgateway.xmpp.password", "typed-secret");
        final Map<String, String> errors = form.apply(submitted::get);
        assertTrue(errors.containsKey("sipgateway.sip.port"));
        final StringWriter page = new StringWriter();
        form.render(new PrintWriter(page), "t", submitted::get, errors, false);
        assertFalse(page.toString().contains("typed-secret"), page.toString());
        assertFalse(properties.containsKey("sipgateway.xmpp.password"), "nothing saved");
    }

    @Test
    void markupInValuesIsEscaped() throws Exception {
        properties.put("sipgateway.callcontrol.subdomain", "\"><script>alert(1)</script>");
        final String page = render(new SettingsForm(store, bundle("")), Map.of());
        assertFalse(page.contains("<script>alert(1)"), "stored values are escaped");
    }

    private static String render(SettingsForm form, Map<String, String> errors) {
        final StringWriter page = new StringWriter();
        form.render(new PrintWriter(page), "token-1", name -> null, errors, false);
        return page.toString();
    }

    static Texts bundle(String suffix) throws IOException {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("i18n", "sipgateway_i18n" + suffix + ".properties"),
                StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        return p::getProperty;
    }
}
