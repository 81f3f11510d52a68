package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.LIMITS;
import static org.sipgateway.plugin.SettingKey.Group.CALLS;

import java.time.Duration;
import java.util.List;
import org.sipgateway.conference.XmppServerConfig;
import org.sipgateway.gateway.GatewayConfig;
import org.sipgateway.gateway.RoomRules;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.auth.Cidr;

/** Settings of the calls themselves: how a call names its room, and how many calls may run. */
final class CallSettings {
    static final SettingKey<String> ROOM_HEADER = SettingKey.of("sipgateway.room-header", CALLS,
            RoomRules.ROOM_HEADER, SettingParsers.checkedBy(CallSettings::headerName));
    static final SettingKey<String> DEFAULT_ROOM = SettingKey.of("sipgateway.default-room", CALLS, "",
            SettingParsers.text());
    static final SettingKey<Boolean> ROOM_FROM_REQUEST_URI = SettingKey.of("sipgateway.room-from-request-uri",
            CALLS, false, SettingParsers.bool());
    static final SettingKey<Boolean> MASK_DIGITS = SettingKey.of("sipgateway.mask-caller-digits", CALLS, false,
            SettingParsers.bool());
    static final SettingKey<Boolean> EARLY_MEDIA = SettingKey.of("sipgateway.early-media", CALLS, false,
            SettingParsers.bool());
    static final SettingKey<Integer> MAX_CALLS = SettingKey.of("sipgateway.max-calls", LIMITS, 100,
            SettingParsers.integer(1, 100_000));
    static final SettingKey<Integer> MAX_CALLS_PER_ROOM = SettingKey.of("sipgateway.max-calls-per-room", LIMITS, 0,
            SettingParsers.integer(0, 100_000));
    static final SettingKey<Integer> OFFER_TIMEOUT = SettingKey.of("sipgateway.offer-timeout-seconds", LIMITS, 20,
            SettingParsers.integer(1, 600));

    static final SettingKey<Integer> PIN_LENGTH = SettingKey.of("sipgateway.pin.length", CALLS, 9,
            SettingParsers.integer(4, 12));
    static final SettingKey<String> DIALIN_NUMBERS = SettingKey.of("sipgateway.dialin.numbers", CALLS, "",
            SettingParsers.checkedBy(DialInNumbers::parse));
    static final SettingKey<String> CORS_ORIGIN = SettingKey.of("sipgateway.http.cors-origin", CALLS, "*",
            SettingParsers.text());
    static final SettingKey<String> TRUSTED_PROXIES = SettingKey.of("sipgateway.http.trusted-proxies", CALLS, "",
            SettingParsers.checkedBy(Cidr::parseList));
    static final SettingKey<String> MONITORING_TOKEN = SettingKey.secret("sipgateway.monitoring.token",
            SettingKey.Group.MONITORING);
    static final SettingKey<Boolean> MONITORING_TRUST_LOOPBACK = SettingKey.of("sipgateway.monitoring.trust-loopback",
            SettingKey.Group.MONITORING, false, SettingParsers.bool());
    static final SettingKey<Boolean> GRACEFUL_SHUTDOWN = SettingKey.of("sipgateway.graceful-shutdown",
            SettingKey.Group.MONITORING, false, SettingParsers.bool());

    static final List<SettingKey<?>> KEYS = List.of(ROOM_HEADER, DEFAULT_ROOM, ROOM_FROM_REQUEST_URI, MASK_DIGITS,
            EARLY_MEDIA, MAX_CALLS, MAX_CALLS_PER_ROOM, OFFER_TIMEOUT);

    /** Settings of the public dial-in information endpoints (no part restarts for them). */
    static final List<SettingKey<?>> DIALIN_INFO_KEYS = List.of(PIN_LENGTH, DIALIN_NUMBERS, CORS_ORIGIN,
            TRUSTED_PROXIES);

    private CallSettings() {
    }

    static GatewayConfig config(Settings s, XmppServerConfig xmpp, SipConfig sip) {
        final String sdpAddress = sip.advertisedAddress();
        if (sdpAddress.equals("0.0.0.0") || sdpAddress.equals("::") || sdpAddress.equals("[::]")) {
            // RFC 3264 section 8.4: c=0.0.0.0 means hold, so phones would send us no audio
            throw new IllegalArgumentException("sipgateway.sip.address is " + sdpAddress
                    + " (every interface): set sipgateway.sip.public-address to the address phones send audio to");
        }
        final RoomRules rooms = new RoomRules(s.get(ROOM_HEADER), RoomRules.PASSWORD_HEADER, RoomRules.TOKEN_HEADER,
                RoomRules.DOMAIN_BASE_HEADER, RoomRules.TENANT_HEADER, s.get(ROOM_FROM_REQUEST_URI),
                s.get(DEFAULT_ROOM), xmpp.mucService());
        return new GatewayConfig(rooms, xmpp, sdpAddress, s.get(MAX_CALLS), s.get(MAX_CALLS_PER_ROOM),
                Duration.ofSeconds(s.get(OFFER_TIMEOUT)), s.get(MASK_DIGITS), s.get(EARLY_MEDIA));
    }

    // RFC 3261 section 25.1: a header name is a token
    private static String headerName(String raw) {
        if (!raw.matches("[A-Za-z0-9.!%*_+`'~-]+")) {
            throw new IllegalArgumentException("must be a SIP header name (letters, digits, - . ! % * _ + ` ' ~)");
        }
        return raw;
    }
}
