package org.sipgateway.plugin;

import java.util.ArrayList;
import java.util.List;
import org.sipgateway.conference.XmppServerConfig;
import org.sipgateway.gateway.CallRegistry;
import org.sipgateway.gateway.CallStatistics;
import org.sipgateway.gateway.DialInService;
import org.sipgateway.gateway.DialOutService;
import org.sipgateway.gateway.IvrSetup;
import org.sipgateway.gateway.PinGenerator;
import org.sipgateway.gateway.Switchboard;
import org.sipgateway.gateway.ivr.PromptLibrary;
import org.sipgateway.media.MediaEngine;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.SipService;

/**
 * The call machinery: the media engine, the SIP service, dial-in and dial-out, started in that order and
 * stopped in reverse (calls end with BYE first, then SIP stops, then media frees its ports).
 */
final class CallsPart implements Part {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallsPart.class);
    static final List<SettingKey<?>> KEYS = keys();

    private final Settings settings;
    private final String xmppDomain;
    private final CallRegistry registry;
    private final CallStatistics statistics;
    private MediaEngine media;
    private SipService sip;
    private Switchboard switchboard;
    private DialInService dialIn;
    private DialOutService dialOut;
    private volatile PromptLibrary prompts;

    CallsPart(Settings settings, String xmppDomain, CallRegistry registry, CallStatistics statistics) {
        this.settings = settings;
        this.xmppDomain = xmppDomain;
        this.registry = registry;
        this.statistics = statistics;
    }

    @Override
    public String name() {
        return "SIP and calls";
    }

    @Override
    public void start() throws Exception {
        final SipConfig sipConfig = SipSettings.config(settings);
        final XmppServerConfig xmpp = ConferenceSettings.config(settings, xmppDomain);
        media = new MediaEngine(MediaSettings.config(settings));
        switchboard = new Switchboard(CallSettings.config(settings, xmpp, sipConfig), media, registry, statistics);
        switchboard.setDraining(settings.get(CallSettings.GRACEFUL_SHUTDOWN));
        dialIn = new DialInService(switchboard);
        prompts = IvrSettings.prompts(settings);
        prompts.problems().forEach(problem -> LOG.warn(problem));
        if (settings.get(IvrSettings.ENABLED)) {
            dialIn.useIvr(new IvrSetup(IvrSettings.config(settings), prompts,
                    new DatabaseConferencePins(new PinGenerator(settings.get(CallSettings.PIN_LENGTH)))));
        }
        sip = new SipService(sipConfig);
        sip.setIncomingCallListener(dialIn);
        sip.start();
        dialOut = new DialOutService(switchboard, sip);
    }

    @Override
    public void stop() {
        if (dialIn != null) {
            dialIn.close();
        }
        if (dialOut != null) {
            dialOut.close();
        }
        if (switchboard != null) {
            switchboard.close(); // every call ends with BYE (or CANCEL) and leaves its room
        }
        if (sip != null) {
            sip.stop();
        }
        if (media != null) {
            media.close();
        }
    }

    SipService sip() {
        return sip;
    }

    /** The SIP side for the status page; empty lists while the part is not running. */
    GatewayStatus status() {
        final SipService service = sip;
        if (service == null) {
            return new GatewayStatus("not running", java.util.List.of(), registry.snapshot());
        }
        return new GatewayStatus(GatewayStatus.listening(service.config()),
                service.registrations().stream()
                        .map(r -> new GatewayStatus.Registration(r.account().toString(), r.state())).toList(),
                registry.snapshot());
    }

    DialInService dialIn() {
        return dialIn;
    }

    /** The dial-out service while SIP runs, else null. */
    DialOutService dialOut() {
        return dialOut;
    }

    Switchboard switchboard() {
        return switchboard;
    }

    /** The keypad IVR's prompts as the calls play them (read at start), or null before the first start. */
    PromptLibrary prompts() {
        return prompts;
    }

    private static List<SettingKey<?>> keys() {
        final List<SettingKey<?>> keys = new ArrayList<>(SipSettings.KEYS);
        keys.addAll(CallSettings.KEYS);
        keys.addAll(IvrSettings.KEYS);
        keys.addAll(MediaSettings.KEYS);
        keys.addAll(ConferenceSettings.KEYS);
        return List.copyOf(keys);
    }
}
