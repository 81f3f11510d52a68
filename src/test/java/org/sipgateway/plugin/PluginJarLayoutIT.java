package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** target/sipgateway.jar is laid out as Openfire expects and carries its own, relocated BouncyCastle. */
class PluginJarLayoutIT {
    @Test
    void jarHasThePluginLayout() throws Exception {
        try (JarFile jar = new JarFile(OpenfireFixture.builtJar().toFile())) {
            for (String name : new String[] {"plugin.xml", "readme.html", "changelog.html", "logo_small.png",
                    "logo_large.png", "i18n/sipgateway_i18n.properties", "i18n/sipgateway_i18n_de.properties",
                    "web/WEB-INF/web.xml", "lib/sipgateway-lib.jar", "database/sipgateway_hsqldb.sql",
                    "database/sipgateway_mysql.sql", "database/sipgateway_postgresql.sql"}) {
                assertNotNull(jar.getEntry(name), name + " is missing from the plugin jar");
            }
            assertTrue(jar.stream().noneMatch(e -> e.getName().endsWith(".jsp")), "no JSP pages");
        }
    }

    @Test
    void pluginXmlNamesClassVersionsAndAdminConsoleEntry() throws Exception {
        final Document doc = xml(entry("plugin.xml"));
        final Element root = doc.getDocumentElement();
        assertEquals("org.sipgateway.plugin.SipGatewayPlugin", text(root, "class"));
        assertEquals("SIP Gateway", text(root, "name"));
        assertTrue(text(root, "version").matches("\\d+\\.\\d+\\.\\d+"), "version: " + text(root, "version"));
        assertEquals("4.2.0", text(root, "minServerVersion"));
        assertEquals("17", text(root, "minJavaVersion"));
        assertEquals("sipgateway", text(root, "databaseKey"));
        assertEquals("1", text(root, "databaseVersion"));
        assertTrue(!text(root, "description").isBlank() && !text(root, "author").isBlank());
        final NodeList items = root.getElementsByTagName("item");
        assertTrue(items.getLength() >= 1, "an admin console entry");
        assertEquals("status", ((Element) items.item(0)).getAttribute("url"));
    }

    @Test
    void everyLanguageHasEveryKeyAndEveryAdminPageKeyExists() throws Exception {
        final Properties english = properties(entry("i18n/sipgateway_i18n.properties"));
        final Properties german = properties(entry("i18n/sipgateway_i18n_de.properties"));
        assertEquals(english.keySet(), german.keySet(), "the German file must translate every key");
        final String pluginXml = new String(entry("plugin.xml"), "UTF-8");
        for (String key : new String[] {"admin.sidebar.name", "admin.item.status.name"}) {
            assertTrue(pluginXml.contains("${" + key + "}") && english.containsKey(key), key);
        }
    }

    @Test
    void libraryJarHasOurClassesAndOnlyRelocatedBouncyCastle() throws Exception {
        int relocated = 0;
        boolean servlet = false;
        boolean plugin = false;
        try (JarInputStream lib = new JarInputStream(new ByteArrayInputStream(entry("lib/sipgateway-lib.jar")))) {
            for (JarEntry e; (e = lib.getNextJarEntry()) != null; ) {
                final String name = e.getName();
                assertTrue(!name.startsWith("org/bouncycastle/"), "unrelocated BouncyCastle class " + name);
                relocated += name.startsWith("org/sipgateway/shaded/bouncycastle/") ? 1 : 0;
                servlet |= name.equals("org/sipgateway/plugin/web/StatusServlet.class");
                plugin |= name.equals("org/sipgateway/plugin/SipGatewayPlugin.class");
            }
        }
        assertTrue(relocated > 1000, "relocated BouncyCastle classes: " + relocated);
        assertTrue(servlet && plugin, "plugin and servlet classes are in lib/");
    }

    private static byte[] entry(String name) throws IOException {
        try (JarFile jar = new JarFile(OpenfireFixture.builtJar().toFile());
                InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static Document xml(byte[] bytes) throws Exception {
        return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static String text(Element root, String tag) {
        final NodeList nodes = root.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static Properties properties(byte[] bytes) throws IOException {
        final Properties p = new Properties();
        p.load(new ByteArrayInputStream(bytes));
        return p;
    }
}
