package org.sipgateway.sip.call;

import java.text.ParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * What a dial-out calls, parsed once: a telephone number (ASCII digits with a leading {@code +}; {@code *} and
 * {@code #} only when allowed) or a SIP URI that jain-sip's address factory reads into scheme, user, host, port and
 * the two parameters the gateway understands ({@code transport}, {@code user}). {@link #canonical()} is rebuilt from
 * those parts: an allow-list sees it, and the INVITE goes to it ({@link #requestUri}). Anything that could send the
 * INVITE elsewhere than that form says, or add to it, is refused naming what is wrong: URI headers, {@code maddr} and
 * other parameters, percent-encoding, several {@code @}, a password or a URI in the user part, non-ASCII characters.
 */
public final class DialTarget {
    /** Longest target taken; RFC 3261 sets no limit, an INVITE's Request-URI of this size is plenty. */
    private static final int MAX_LENGTH = 256;
    private static final int MAX_DIGITS = 32;
    /** Characters of a user part the gateway dials: RFC 3986 unreserved and '+', nothing that needs escaping. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._~+-]+");
    private static final Pattern USER_WITH_STAR = Pattern.compile("[A-Za-z0-9._~+*-]+");
    // RFC 1035 section 2.3.1 labels, RFC 3261 section 25.1 IPv4address and IPv6reference
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]{2,45}\\]");
    private static final String NUMBER_SEPARATORS = " -.()/";

    private final boolean number;
    private final String canonical;
    private final boolean secure;
    private final String user;
    private final String host;
    private final int port;
    private final String transport;
    private final String userParam;

    private DialTarget(boolean number, String canonical, boolean secure, String user, String host, int port,
            String transport, String userParam) {
        this.number = number;
        this.canonical = canonical;
        this.secure = secure;
        this.user = user;
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.userParam = userParam;
    }

    /**
     * @param raw         what the requester asked to call
     * @param starAndHash whether {@code *} and {@code #} may appear in a number (service codes), and {@code *} in a
     *                    SIP URI's user part
     * @throws IllegalArgumentException naming the target and what is wrong with it
     */
    public static DialTarget parse(String raw, boolean starAndHash) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the dial has no 'to' (number or SIP URI)");
        }
        final String to = raw.strip();
        if (to.regionMatches(true, 0, "sip:", 0, 4) || to.regionMatches(true, 0, "sips:", 0, 5)) {
            return sipUri(to, starAndHash);
        }
        return number(to, starAndHash);
    }

    /** True for a telephone number, false for a SIP URI. */
    public boolean isNumber() {
        return number;
    }

    /** The number ({@code +4930123456}) or the SIP URI rebuilt from its parts ({@code sip:alice@pbx.example.com}). */
    public String canonical() {
        return canonical;
    }

    /** The Request-URI of a SIP URI target, built from its parts; the same text as {@link #canonical()}. */
    SipURI requestUri(AddressFactory addresses) throws ParseException {
        if (number) {
            throw new IllegalStateException(canonical + " is a number: it goes to the proxy or the account's domain");
        }
        final SipURI uri = addresses.createSipURI(user, host);
        uri.setSecure(secure);
        if (port > 0) {
            uri.setPort(port);
        }
        if (transport != null) {
            uri.setTransportParam(transport);
        }
        if (userParam != null) {
            uri.setUserParam(userParam);
        }
        return uri;
    }

    private static DialTarget number(String to, boolean starAndHash) {
        if ((to.indexOf(':') >= 0 || to.indexOf('@') >= 0) && to.chars().noneMatch(Character::isISOControl)) {
            throw notNumber(to, "a SIP URI starts with sip: or sips: (e.g. sip:alice@pbx.example.com)");
        }
        final StringBuilder digits = new StringBuilder();
        for (int i = 0; i < to.length(); ) {
            final int c = to.codePointAt(i);
            i += Character.charCount(c);
            if (c >= '0' && c <= '9') {
                digits.append((char) c);
            } else if (c == '+' && digits.length() == 0) {
                digits.append('+');
            } else if ((c == '*' || c == '#') && starAndHash) {
                digits.append((char) c);
            } else if (c == '*' || c == '#') {
                throw notNumber(to, "'*' and '#' are not dialled on this gateway (sipgateway.dialout.star-and-hash)");
            } else if (NUMBER_SEPARATORS.indexOf(c) < 0) {
                throw notNumber(to, describe(c) + (Character.isDigit(c) ? " is not an ASCII digit" : " is no digit")
                        + " (a number is ASCII digits 0-9 with a leading +, spaces - . ( ) / between them)");
            }
        }
        String n = digits.toString();
        if (n.startsWith("00")) {
            n = "+" + n.substring(2); // the international prefix written as 00 (ITU-T E.164 section 6.2.1)
        }
        final int count = n.startsWith("+") ? n.length() - 1 : n.length();
        if (count == 0) {
            throw notNumber(to, "it has no digits");
        }
        if (count > MAX_DIGITS) {
            throw notNumber(to, "it has " + count + " digits, more than " + MAX_DIGITS);
        }
        return new DialTarget(true, n, false, null, null, -1, null, null);
    }

    private static DialTarget sipUri(String to, boolean starAndHash) {
        if (to.length() > MAX_LENGTH) {
            throw invalid(to, "it is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < to.length(); ) {
            final int c = to.codePointAt(i);
            i += Character.charCount(c);
            if (c <= ' ' || c >= 0x7f) {
                throw invalid(to, "it contains " + describe(c) + " (only printable ASCII is dialled)");
            }
        }
        // RFC 3261 section 19.1.1: '?' starts headers, which would become headers of the INVITE
        final int question = to.indexOf('?');
        if (question >= 0) {
            throw notDialled(to, "it has URI headers ('" + to.substring(question) + "'), which the gateway does not take");
        }
        final int percent = to.indexOf('%');
        if (percent >= 0) {
            throw notDialled(to, "it has the percent-encoded character '" + to.substring(percent, Math.min(to.length(),
                    percent + 3)) + "' (write plain characters; escapes could hide '@', ':' or ';')");
        }
        if (to.indexOf('@') != to.lastIndexOf('@')) {
            throw notDialled(to, "it has more than one '@'");
        }
        if (to.indexOf(":@") == to.indexOf(':')) {
            throw notDialled(to, "its user part before '@' is empty");
        }
        final SipURI uri = parseWithJainSip(to);
        final String user = uri.getUser();
        if (uri.getUserPassword() != null) {
            final String scheme = user == null ? "" : user.toLowerCase(Locale.ROOT);
            throw notDialled(to, scheme.equals("sip") || scheme.equals("sips") || scheme.equals("tel")
                    ? "its user part '" + user + ":" + uri.getUserPassword() + "' is itself a URI"
                    : "it carries a password ('" + user + ":...@')");
        }
        if (user != null && !(starAndHash ? USER_WITH_STAR : USER).matcher(user).matches()) {
            throw notDialled(to, "its user part '" + user + "' has a character other than letters, digits and . _ ~ + -"
                    + (starAndHash ? " *" : ""));
        }
        final String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw invalid(to, "'" + host + "' is not a host name or IP address");
        }
        final int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw invalid(to, "port " + port + " is not 1-65535");
        }
        String transport = null;
        String userParam = null;
        for (Iterator<?> names = uri.getParameterNames(); names.hasNext(); ) {
            final String name = String.valueOf(names.next()).toLowerCase(Locale.ROOT);
            final String value = uri.getParameter(name) == null ? "" : uri.getParameter(name).toLowerCase(Locale.ROOT);
            if (name.equals("transport") && (value.equals("udp") || value.equals("tcp") || value.equals("tls"))) {
                transport = value;
            } else if (name.equals("user") && (value.equals("phone") || value.equals("ip"))) {
                userParam = value;
            } else {
                throw notDialled(to, "it has the parameter ';" + name + (value.isEmpty() ? "" : "=" + value)
                        + "', which the gateway does not take (only transport=udp|tcp|tls and user=phone|ip)"
                        + (name.equals("maddr") ? "; maddr would send the INVITE to another host" : ""));
            }
        }
        final boolean secure = uri.isSecure();
        final String canonical = (secure ? "sips:" : "sip:") + (user == null ? "" : user + "@") + host
                + (port > 0 ? ":" + port : "") + (transport == null ? "" : ";transport=" + transport)
                + (userParam == null ? "" : ";user=" + userParam);
        return new DialTarget(false, canonical, secure, user, host, port, transport, userParam);
    }

    /** jain-sip reads what it can and may drop the rest, so what it read must be the whole input. */
    private static SipURI parseWithJainSip(String to) {
        final URI parsed;
        try {
            parsed = Addresses.FACTORY.createURI(to);
        } catch (ParseException e) {
            throw invalid(to, e.getMessage() == null ? "jain-sip cannot read it" : printable(e.getMessage()));
        }
        if (!(parsed instanceof SipURI uri)) {
            throw invalid(to, "it is not a sip: or sips: URI");
        }
        if (!uri.toString().equalsIgnoreCase(to)) {
            throw invalid(to, "only '" + printable(uri.toString()) + "' of it is a SIP URI");
        }
        return uri;
    }

    /** A code point as a person reads it: {@code U+0664 ARABIC-INDIC DIGIT FOUR}, or the character itself. */
    private static String describe(int c) {
        if (c > ' ' && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        final String name = Character.getName(c);
        return String.format(Locale.ROOT, "U+%04X", c) + (name == null ? "" : " " + name);
    }

    private static IllegalArgumentException notNumber(String to, String why) {
        return new IllegalArgumentException("'" + printable(to) + "' is not a telephone number or SIP URI: " + why);
    }

    private static IllegalArgumentException invalid(String to, String why) {
        return new IllegalArgumentException("'" + printable(to) + "' is not a valid SIP URI: " + why);
    }

    private static IllegalArgumentException notDialled(String to, String why) {
        return new IllegalArgumentException("'" + printable(to) + "' is not dialled: " + why);
    }

    /** A value from a request as it may be shown in a log line or an error text: no control characters, bounded. */
    public static String printable(String value) {
        final String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DialTarget t && t.canonical.equals(canonical) && t.number == number;
    }

    @Override
    public int hashCode() {
        return Objects.hash(canonical, number);
    }

    @Override
    public String toString() {
        return canonical;
    }

    /** jain-sip's address factory, made once: it holds no state between calls. */
    private static final class Addresses {
        static final AddressFactory FACTORY = new gov.nist.javax.sip.address.AddressFactoryImpl();
    }
}
