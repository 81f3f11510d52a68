package org.sipgateway.testkit.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Creates the Openfire 4.2.0 schema in the embedded HSQLDB when it is missing, then writes the
 * harness's server properties and the admin password, before Openfire opens the database.
 */
final class HarnessDatabase {
    private static final String PROPERTY_PREFIX = "db.";

    private HarnessDatabase() {
    }

    static void prepare(Properties setup) throws SQLException, IOException, ClassNotFoundException {
        Class.forName("org.hsqldb.jdbcDriver");
        try (Connection db = DriverManager.getConnection(setup.getProperty("db.url"), "sa", "")) {
            if (!hasSchema(db)) {
                createSchema(db);
            }
            for (String key : setup.stringPropertyNames()) {
                if (key.startsWith(PROPERTY_PREFIX) && !"db.url".equals(key)) {
                    upsertProperty(db, key.substring(PROPERTY_PREFIX.length()), setup.getProperty(key));
                }
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE ofUser SET plainPassword=?, encryptedPassword=NULL,"
                    + " storedKey=NULL, serverKey=NULL, salt=NULL, iterations=NULL WHERE username='admin'")) {
                ps.setString(1, setup.getProperty("admin.password", "admin"));
                ps.executeUpdate();
            }
            try (Statement st = db.createStatement()) {
                st.execute("SHUTDOWN"); // release the files before Openfire's pool opens them
            }
        }
    }

    private static boolean hasSchema(Connection db) throws SQLException {
        try (ResultSet rs = db.getMetaData().getTables(null, null, "OFVERSION", null)) {
            return rs.next();
        }
    }

    private static void createSchema(Connection db) throws SQLException, IOException {
        final String script;
        try (InputStream in = HarnessDatabase.class.getResourceAsStream("/openfire/schema-4.2.sql")) {
            if (in == null) {
                throw new IOException("schema-4.2.sql is not on the class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        try (Statement st = db.createStatement()) {
            for (String statement : withoutComments.toString().split(";")) {
                if (!statement.isBlank()) {
                    st.execute(statement.trim());
                }
            }
        }
    }

    private static void upsertProperty(Connection db, String name, String value) throws SQLException {
        try (PreparedStatement del = db.prepareStatement("DELETE FROM ofProperty WHERE name=?")) {
            del.setString(1, name);
            del.executeUpdate();
        }
        try (PreparedStatement ins = db.prepareStatement("INSERT INTO ofProperty (name, propValue) VALUES (?, ?)")) {
            ins.setString(1, name);
            ins.setString(2, value);
            ins.executeUpdate();
        }
    }
}
