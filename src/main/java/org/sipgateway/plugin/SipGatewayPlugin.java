package org.sipgateway.plugin;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.jivesoftware.admin.AuthCheckFilter;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.sipgateway.callcontrol.link.LinkState;
import org.sipgateway.conference.SmackRuntime;
import org.sipgateway.gateway.CallRegistry;
import org.sipgateway.gateway.ConferencePins;
import org.sipgateway.gateway.PinGenerator;
import org.sipgateway.gateway.CallStatistics;
import org.sipgateway.gateway.ivr.PromptLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the settings, starts the parts in order, restarts the parts whose
 * settings change, and on unload stops everything in reverse order. No call logic lives here.
 */
public final class SipGatewayPlugin implements Plugin, PropertyEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipGatewayPlugin.class);
    // they check their own access (monitoring: token, admin session or trusted loopback; dial-in info: public, rate-limited)
    private static final List<String> MONITORING_PATHS = List.of("sipgateway/health", "sipgateway/metrics",
            "sipgateway/stats", "sipgateway/conferenceMapper", "sipgateway/phoneNumberList");
    private static volatile SipGatewayPlugin current;

    private final PropertySource properties = new OpenfireProperties();
    private volatile String xmppDomain;
    private volatile java.util.Optional<OpenfireRelease> openfire = java.util.Optional.empty();
    private volatile Settings settings;
    private PartStack parts;
    private final CallRegistry calls = new CallRegistry();
    private final CallStatistics statistics = new CallStatistics();
    private CallControlPart callControl;
    private volatile CallsPart callsPart;
    private volatile DialOutPart dialOutPart;
    private volatile BreweryPart breweryPart;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        OpenfireProperties.encryptStoredSecrets(); // before the property listener: re-storing one notifies listeners
        settings = Settings.read(properties);
        settings.problems().forEach(problem -> LOG.warn(problem.message()));
        xmppDomain = XMPPServer.getInstance().getServerInfo().getXMPPDomain();
        openfire = OpenfireRelease.running();
        openfireWarning().ifPresent(LOG::warn);
        final String version = PluginVersion.of(pluginDirectory);
        parts = new PartStack(List.of(
                new PartSpec("SIP and calls", CallsPart.KEYS, s -> {
                    callsPart = new CallsPart(s, xmppDomain, calls, statistics);
                    return callsPart;
                }),
                // after the calls part, and again whenever it restarts, so a new switchboard drains too
                new PartSpec("graceful shutdown", concat(CallsPart.KEYS, CallSettings.GRACEFUL_SHUTDOWN),
                        s -> new DrainPart(s.get(CallSettings.GRACEFUL_SHUTDOWN), () -> callsPart, this::breweryRefresh)),
                new PartSpec("dial-out policy", DialOutPart.KEYS, s -> {
                    dialOutPart = new DialOutPart(s, xmppDomain, () -> callsPart == null ? null : callsPart.dialOut());
                    return dialOutPart;
                }),
                new PartSpec("call control", callControlKeys(), s -> {
                    callControl = new CallControlPart(s, xmppDomain, this::dialOutDesk);
                    return callControl;
                }),
                new PartSpec("brewery", BreweryPart.KEYS, s -> {
                    breweryPart = new BreweryPart(s, xmppDomain, this::dialOutDesk, calls, this::draining, version);
                    return breweryPart;
                })));
        underPluginClassLoader(() -> parts.startAll(settings));
        PropertyEventDispatcher.addListener(this);
        MONITORING_PATHS.forEach(AuthCheckFilter::addExclude);
        current = this;
        LOG.info("SIP gateway plugin started");
    }

    @Override
    public void destroyPlugin() {
        current = null;
        MONITORING_PATHS.forEach(AuthCheckFilter::removeExclude);
        PropertyEventDispatcher.removeListener(this);
        if (parts != null) {
            underPluginClassLoader(parts::stopAll);
        }
        SmackRuntime.shutdown(); // its threads would outlive the plugin and hold its class loader
        LOG.info("SIP gateway plugin stopped");
    }

    /** The component's place and address; the conference domain names it in external mode. */
    private static List<SettingKey<?>> callControlKeys() {
        final java.util.ArrayList<SettingKey<?>> keys = new java.util.ArrayList<>(CallControlSettings.KEYS);
        keys.add(Settings.CALLCONTROL_SUBDOMAIN);
        keys.add(ConferenceSettings.DOMAIN);
        return List.copyOf(keys);
    }

    private static List<SettingKey<?>> concat(List<SettingKey<?>> keys, SettingKey<?> more) {
        final java.util.ArrayList<SettingKey<?>> all = new java.util.ArrayList<>(keys);
        all.add(more);
        return List.copyOf(all);
    }

    /** The running plugin, for the admin pages; null while unloaded. */
    public static SipGatewayPlugin current() {
        return current;
    }

    public Settings settings() {
        return settings;
    }

    public List<String> partFailures() {
        return parts.failures();
    }

    /** SIP listener, registrations and live calls, for the status page. */
    public GatewayStatus status() {
        final CallsPart part = callsPart;
        return part == null ? new GatewayStatus("not running", List.of(), calls.snapshot()) : part.status();
    }

    /** The health report behind /health. */
    public HealthCheck health() {
        final Settings s = settings;
        final List<String> problems = new java.util.ArrayList<>(partFailures());
        final CallControlPart part = callControl;
        if (part != null) {
            part.healthProblem().ifPresent(problems::add);
        }
        final BreweryView brewery = brewery();
        if (brewery != null && brewery.status().state() != org.sipgateway.conference.BreweryRoom.State.JOINED) {
            problems.add("brewery " + brewery.room() + " is " + brewery.status().state() + ": " + brewery.status().detail());
        }
        return HealthCheck.of(status(), problems, openfireWarning().stream().toList(), s.get(ConferenceSettings.HOST),
                s.get(ConferenceSettings.PORT));
    }

    /** The Openfire release we run in; empty when it cannot be told. */
    public java.util.Optional<OpenfireRelease> openfireRelease() {
        return openfire;
    }

    /** What is known to be wrong with the Openfire we run in (CVE-2023-32315 before 4.7.5); empty when nothing. */
    public java.util.Optional<String> openfireWarning() {
        return openfire.flatMap(OpenfireRelease::warning);
    }

    /** The token that lets monitoring systems read /health, /metrics and /stats; empty: admins only. */
    public String monitoringToken() {
        return settings.get(CallSettings.MONITORING_TOKEN);
    }

    /** True when requests straight from this host (no proxy in between) may read the monitoring endpoints. */
    public boolean monitoringTrustsLoopback() {
        return settings.get(CallSettings.MONITORING_TRUST_LOOPBACK);
    }

    /** True while new calls are refused so live ones can finish. */
    public boolean draining() {
        return settings.get(CallSettings.GRACEFUL_SHUTDOWN);
    }

    /** Room PINs, in Openfire's database. */
    public ConferencePins pins() {
        return new DatabaseConferencePins(new PinGenerator(settings.get(CallSettings.PIN_LENGTH)));
    }

    /** The dial-in numbers Meet shows (sipgateway.dialin.numbers). */
    public DialInNumbers dialInNumbers() {
        return DialInNumbers.parse(settings.get(CallSettings.DIALIN_NUMBERS));
    }

    /** True when callers without a room header reach the keypad IVR. */
    public boolean ivrEnabled() {
        return settings.get(IvrSettings.ENABLED);
    }

    /** The Request-URI user that always reaches the keypad IVR; empty for none. */
    public String ivrNumber() {
        return settings.get(IvrSettings.NUMBER);
    }

    /** The keypad IVR's prompts as calls play them (read when the calls part starts). */
    public PromptLibrary ivrPrompts() {
        final CallsPart part = callsPart;
        final PromptLibrary loaded = part == null ? null : part.prompts();
        return loaded != null ? loaded : IvrSettings.prompts(settings);
    }

    /** Origin allowed to call the public dial-in endpoints from a browser (CORS). */
    public String corsOrigin() {
        return settings.get(CallSettings.CORS_ORIGIN);
    }

    /** Reverse proxies whose X-Forwarded-For names the client of the public endpoints. */
    public List<org.sipgateway.sip.auth.Cidr> trustedProxies() {
        return org.sipgateway.sip.auth.Cidr.parseList(settings.get(CallSettings.TRUSTED_PROXIES));
    }

    /** The MUC service of the conferences ({@code sipgateway.xmpp.muc-service}, else conference.<domain>). */
    public String mucService() {
        return ConferenceSettings.config(settings, xmppDomain).mucService();
    }

    /** Where conference participants log in, as the status page shows it: host:port, STARTTLS policy, login. */
    public String conferenceServer() {
        final org.sipgateway.conference.XmppServerConfig c = ConferenceSettings.config(settings, xmppDomain);
        return c.host() + ":" + c.port() + ", STARTTLS " + c.tls().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + (c.username().isEmpty() ? "anonymous login on " + c.domain() : "login " + c.username());
    }

    /** Counters over finished calls. */
    public CallStatistics statistics() {
        return statistics;
    }

    /** Calls this gateway takes at once ({@code sipgateway.max-calls}). */
    public int maxCalls() {
        return settings.get(CallSettings.MAX_CALLS);
    }

    /** The live calls. */
    public CallRegistry calls() {
        return calls;
    }

    private org.sipgateway.callcontrol.DialOutDesk dialOutDesk() {
        final DialOutPart part = dialOutPart;
        return part == null ? null : part.desk();
    }

    private void breweryRefresh() {
        final BreweryPart part = breweryPart;
        if (part != null) {
            part.refresh();
        }
    }

    /** The brewery room and where our membership stands; null when not in a brewery. */
    public BreweryView brewery() {
        final BreweryPart part = breweryPart;
        final org.sipgateway.conference.BreweryRoom.Status status = part == null ? null : part.status();
        return status == null ? null : new BreweryView(part.room(), status);
    }

    /** The brewery membership as the admin pages show it. */
    public record BreweryView(String room, org.sipgateway.conference.BreweryRoom.Status status) {
    }

    public String callControlAddress() {
        final CallControlPart part = callControl;
        return part == null ? "" : part.address();
    }

    /** The external component link's state; empty when call control runs inside this Openfire. */
    public java.util.Optional<LinkState> callControlLink() {
        final CallControlPart part = callControl;
        return part == null ? java.util.Optional.empty() : part.linkState();
    }

    /** {@code host:port} of the external link's server; empty in internal mode. */
    public String callControlLinkTarget() {
        final CallControlPart part = callControl;
        return part == null ? "" : part.linkTarget();
    }

    private void settingsChanged(String property) {
        if (!Settings.isOurs(property)) {
            return;
        }
        final Settings before = settings;
        final Settings after = Settings.read(properties);
        after.problems().forEach(problem -> LOG.warn(problem.message()));
        settings = after;
        underPluginClassLoader(() -> parts.reconfigure(before, after));
    }

    /**
     * Threads the parts (and their libraries) create inherit the plugin's class loader as context,
     * so they resolve the plugin's classes and can be told apart from Openfire's own threads.
     */
    private static void underPluginClassLoader(Runnable work) {
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SipGatewayPlugin.class.getClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void propertySet(String property, Map<String, Object> params) {
        if (Settings.isOurs(property) && OpenfireProperties.encryptIfPlain(property)) {
            return; // re-stored encrypted: that write notifies us again, with the same value
        }
        settingsChanged(property);
    }

    @Override
    public void propertyDeleted(String property, Map<String, Object> params) {
        settingsChanged(property);
    }

    @Override
    public void xmlPropertySet(String property, Map<String, Object> params) {
        // settings live in database-backed properties only
    }

    @Override
    public void xmlPropertyDeleted(String property, Map<String, Object> params) {
        // settings live in database-backed properties only
    }
}
