package org.sipgateway.testkit.openfire;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.util.JiveGlobals;

/**
 * Runs inside the test Openfire's JVM (whose class path has only Openfire's jars): prepares the
 * database, installs the plugin jar, boots Openfire and reports on stdout, in lines starting with
 * {@code HARNESS}, when Openfire is up and when the plugin loads or unloads. With control enabled,
 * reads commands from stdin: {@code threads} (report the threads the plugin left), {@code property
 * NAME VALUE} (set an Openfire property while running), {@code gc}, {@code heap}, {@code sessions},
 * {@code drop-clients KEEP} (close every client session but those of user KEEP), {@code muc-user-sweep MS} (how often
 * the MUC service forgets users who left), {@code histogram} (live objects per class), {@code add-user NAME PASSWORD},
 * {@code fill-jid-caches N} (N distinct JIDs through Tinder's bounded stringprep caches), {@code sql QUERY} (rows of a
 * SELECT on Openfire's own database, each cell URL-encoded, cells joined by {@code ,} and rows by {@code ;}).
 */
public final class OpenfireMain {
    static final String PLUGIN = "sipgateway";

    private OpenfireMain() {
    }

    public static void main(String[] args) throws Exception {
        final Path home = Path.of(args[0]).toAbsolutePath();
        final Properties setup = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            setup.load(in);
        }
        System.setProperty("openfireHome", home.toString());
        HarnessDatabase.prepare(setup);
        final String jar = setup.getProperty("plugin.jar", "");
        if (!jar.isEmpty()) {
            Files.copy(Path.of(jar), home.resolve("plugins").resolve(PLUGIN + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        new XMPPServer();
        final PluginWatch watch = new PluginWatch(PLUGIN);
        daemon("harness-monitor", watch::run).start();
        if (Boolean.parseBoolean(setup.getProperty("control", "false"))) {
            daemon("harness-control", () -> control(watch)).start();
        }
    }

    private static void control(PluginWatch watch) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                final String[] words = line.trim().split(" ", 3);
                switch (words[0]) {
                    case "threads" -> report(watch.threadReport());
                    case "property" -> {
                        JiveGlobals.setProperty(words[1], words.length > 2 ? words[2] : "");
                        report("property-set " + words[1]);
                    }
                    case "sessions" -> report("sessions clients="
                            + XMPPServer.getInstance().getSessionManager().getSessions().size());
                    case "locale" -> {
                        JiveGlobals.setLocale(java.util.Locale.forLanguageTag(words[1]));
                        report("locale-set " + words[1]);
                    }
                    case "gc" -> {
                        System.gc();
                        report("gc-done");
                    }
                    case "heap" -> report("heap used=" + usedHeapAfterGc());
                    case "muc-user-sweep" -> {
                        XMPPServer.getInstance().getMultiUserChatManager().getMultiUserChatService("conference")
                                .setKickIdleUsersTimeout(Integer.parseInt(words[1]));
                        report("muc-user-sweep-set " + words[1]);
                    }
                    case "histogram" -> report("histogram " + classHistogram());
                    case "add-user" -> {
                        org.jivesoftware.openfire.user.UserManager.getInstance().createUser(words[1], words[2], null, null);
                        report("user-added " + words[1]);
                    }
                    case "fill-jid-caches" -> {
                        final int count = Integer.parseInt(words[1]);
                        for (int i = 0; i < count; i++) {
                            new org.xmpp.packet.JID("fill" + i, XMPPServer.getInstance().getServerInfo().getXMPPDomain(),
                                    "fill" + i);
                        }
                        report("jid-caches-filled " + count);
                    }
                    case "sql" -> report("sql-result " + query(line.trim().substring("sql".length()).trim()));
                    case "drop-clients" -> report("dropped clients=" + dropClients(words.length > 1 ? words[1] : ""));
                    default -> report("control-error unknown command '" + words[0] + "'");
                }
            }
        } catch (Exception e) {
            report("control-error " + e);
        }
    }

    /**
     * Closes every c2s session whose user is not {@code keep} (a fault: the server drops the connections, as a
     * restart or an admin's kick does); returns how many it closed.
     */
    private static int dropClients(String keep) {
        int dropped = 0;
        for (var session : XMPPServer.getInstance().getSessionManager().getSessions()) {
            final String user = session.getAddress().getNode();
            if (user == null || !user.equals(keep)) {
                session.close();
                dropped++;
            }
        }
        return dropped;
    }

    /** The rows of a SELECT through Openfire's connection pool (the embedded database allows no second opener). */
    private static String query(String sql) {
        final StringBuilder out = new StringBuilder();
        try (java.sql.Connection db = org.jivesoftware.database.DbConnectionManager.getConnection();
                java.sql.Statement st = db.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            final int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    final String cell = rs.getString(c);
                    out.append(c > 1 ? "," : "").append(java.net.URLEncoder.encode(cell == null ? "\0" : cell,
                            StandardCharsets.UTF_8));
                }
                out.append(';');
            }
        } catch (java.sql.SQLException e) {
            return "!" + e.getMessage().replace('\n', ' '); // the control loop goes on
        }
        return out.toString();
    }

    /** Live objects per class (a full collection first), as {@code jcmd GC.class_histogram}: "bytes count class;...". */
    private static String classHistogram() throws Exception {
        final javax.management.ObjectName diagnostics = new javax.management.ObjectName(
                "com.sun.management:type=DiagnosticCommand");
        final String table = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(diagnostics,
                "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
        final StringBuilder out = new StringBuilder();
        for (String line : table.split("\n")) {
            final String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.append(f[2]).append(' ').append(f[1]).append(' ').append(f[3]).append(';');
            }
        }
        return out.toString();
    }

    /** Used heap once two full collections have run: what live objects hold, not garbage waiting. */
    private static long usedHeapAfterGc() throws InterruptedException {
        final Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static synchronized void report(String event) {
        System.out.println("HARNESS " + event);
        System.out.flush();
    }

    private static Thread daemon(String name, Runnable body) {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
