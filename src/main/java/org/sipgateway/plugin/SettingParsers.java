package org.sipgateway.plugin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parsers for setting values; each rejects bad input with a reason a person can act on. */
final class SettingParsers {
    // RFC 1035 section 2.3.1: a DNS label is letters, digits and hyphens, at most 63 characters.
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private SettingParsers() {
    }

    static Function<String, String> subdomain() {
        return raw -> {
            if (!DNS_LABEL.matcher(raw).matches()) {
                throw new IllegalArgumentException(
                        "must be one DNS label: letters, digits and inner hyphens, 1-63 characters");
            }
            return raw.toLowerCase(Locale.ROOT);
        };
    }

    static Function<String, String> text() {
        return raw -> raw;
    }

    static Function<String, Integer> integer(int min, int max) {
        return raw -> {
            final int value;
            try {
                value = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        };
    }

    static Function<String, Integer> port() {
        return integer(1, 65535);
    }

    static Function<String, Boolean> bool() {
        return raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static Function<String, String> oneOf(String... allowed) {
        final List<String> options = Arrays.asList(allowed);
        return raw -> {
            final String value = raw.toLowerCase(Locale.ROOT);
            if (!options.contains(value)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", options));
            }
            return value;
        };
    }

    /** A host name or IP address literal (no port). */
    static Function<String, String> host() {
        return raw -> {
            if (!raw.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
                throw new IllegalArgumentException("must be a host name or an IP address");
            }
            return raw;
        };
    }

    /** Empty, or a DNS domain name such as {@code callcontrol.meet.example.com} (lower-cased). */
    static Function<String, String> optionalDomain() {
        return raw -> {
            if (raw.isEmpty()) {
                return raw;
            }
            for (String label : raw.split("\\.", -1)) {
                if (!DNS_LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException("must be a domain name: DNS labels separated by dots");
                }
            }
            return raw.toLowerCase(Locale.ROOT);
        };
    }

    /** Like {@link #host()}, but empty is allowed and kept. */
    static Function<String, String> optionalHost() {
        return raw -> raw.isEmpty() ? raw : host().apply(raw);
    }

    /** Validates with another layer's parser (its message names the problem) and keeps the text. */
    static Function<String, String> checkedBy(Function<String, ?> layerParser) {
        return raw -> {
            layerParser.apply(raw);
            return raw;
        };
    }

    /** Comma-separated host:port entries. */
    static Function<String, String> hostPortList() {
        return raw -> {
            for (String entry : raw.split("[,\\s]+")) {
                if (!entry.isEmpty() && !entry.matches("[A-Za-z0-9.\\-]+:\\d{1,5}")) {
                    throw new IllegalArgumentException("'" + entry + "' is not host:port");
                }
            }
            return raw;
        };
    }
}
