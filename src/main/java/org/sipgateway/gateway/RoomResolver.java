package org.sipgateway.gateway;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds the conference room of an incoming call, in this order: the room header (a bare name joins
 * the MUC service; a full room JID is taken as is), the Request-URI user when allowed, the default
 * room. No room at all is a 404 whose reason names the header to send.
 */
public final class RoomResolver {
    // RFC 7622 section 3.3.1 forbids these in a localpart; spaces and controls make no room name either.
    private static final Pattern BAD_LOCALPART = Pattern.compile("[\\s\"&'/:<>@\\p{Cntrl}]");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final int MAX_LOCALPART = 1023; // RFC 7622 section 3.3: 1023 octets

    private final RoomRules rules;

    public RoomResolver(RoomRules rules) {
        this.rules = rules;
    }

    /**
     * @param header looks up a request header by name (case-insensitive), empty when absent
     * @param requestUriUser the user part of the Request-URI, or null
     */
    public RoomTarget resolve(Function<String, Optional<String>> header, String requestUriUser) throws NoRoomException {
        final Optional<String> password = nonBlank(header.apply(rules.passwordHeader()));
        final Optional<String> token = nonBlank(header.apply(rules.tokenHeader()));
        final Optional<String> fromHeader = nonBlank(header.apply(rules.roomHeader()));
        if (fromHeader.isPresent()) {
            final String muc = mucServiceFor(header);
            return new RoomTarget(roomJid(fromHeader.get(), muc, rules.roomHeader() + " header"), password, token,
                    RoomTarget.Source.HEADER);
        }
        if (rules.roomFromRequestUri() && requestUriUser != null && !requestUriUser.isBlank()) {
            return new RoomTarget(roomJid(requestUriUser, rules.mucService(), "Request-URI"), password, token,
                    RoomTarget.Source.REQUEST_URI);
        }
        if (!rules.defaultRoom().isBlank()) {
            return new RoomTarget(roomJid(rules.defaultRoom(), rules.mucService(), "default room setting"), password,
                    token, RoomTarget.Source.DEFAULT_ROOM);
        }
        throw new NoRoomException(404, "No conference room given: send the " + rules.roomHeader() + " header");
    }

    /** Multi-domain deployments: a tenant and domain base give conference.<tenant>.<domain base>. */
    private String mucServiceFor(Function<String, Optional<String>> header) throws NoRoomException {
        final Optional<String> domainBase = nonBlank(header.apply(rules.domainBaseHeader()));
        if (domainBase.isEmpty()) {
            return rules.mucService();
        }
        final String prefix = rules.mucService().contains(".")
                ? rules.mucService().substring(0, rules.mucService().indexOf('.')) : "conference";
        final Optional<String> tenant = nonBlank(header.apply(rules.tenantHeader()));
        final String service = prefix + "." + tenant.map(t -> t + ".").orElse("") + domainBase.get();
        final String lower = service.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(lower).matches()) {
            throw new NoRoomException(400, "Invalid " + rules.domainBaseHeader() + "/" + rules.tenantHeader()
                    + ": '" + service + "' is not a domain");
        }
        return lower;
    }

    private static String roomJid(String value, String mucService, String origin) throws NoRoomException {
        final String trimmed = value.trim();
        final int at = trimmed.indexOf('@');
        final String localpart = at < 0 ? trimmed : trimmed.substring(0, at);
        final String domain = at < 0 ? mucService : trimmed.substring(at + 1);
        if (localpart.isEmpty() || localpart.length() > MAX_LOCALPART || BAD_LOCALPART.matcher(localpart).find()) {
            throw new NoRoomException(400, "Invalid conference room '" + printable(trimmed) + "' in " + origin);
        }
        final String lowerDomain = domain.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(lowerDomain).matches()) {
            throw new NoRoomException(400, "Invalid MUC service '" + printable(domain) + "' in " + origin);
        }
        // XMPP nodeprep folds case, so Meet's room names are lower-case (RFC 7622 section 3.3.2).
        return localpart.toLowerCase(Locale.ROOT) + "@" + lowerDomain;
    }

    private static String printable(String value) {
        final String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }
}
