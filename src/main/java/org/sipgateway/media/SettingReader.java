package org.sipgateway.media;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.transport.IceSettings;

/** Typed reads of {@code sipgateway.media.*} values with errors that name the property and the bad value. */
final class SettingReader {
    private final Function<String, String> lookup;

    SettingReader(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    private String raw(String name) {
        String v = lookup.apply(MediaConfig.PREFIX + name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    int integer(String name, int fallback) {
        String v = raw(name);
        if (v == null)
            return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MediaConfig.PREFIX + name + " must be a whole number, got '" + v + "'");
        }
    }

    String text(String name, String fallback) {
        String v = raw(name);
        return v == null ? fallback : v;
    }

    OpusImplementation opus(String name, OpusImplementation fallback) {
        String v = raw(name);
        if (v == null)
            return fallback;
        try {
            return OpusImplementation.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MediaConfig.PREFIX + name + " must be auto, native or java, got '" + v + "'");
        }
    }

    List<String> list(String name) {
        String v = raw(name);
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code user:password@host:port}; the error message never repeats the password. */
    static IceSettings.TurnServer turnServer(String name, String value) {
        int at = value.lastIndexOf('@');
        int colon = at < 0 ? -1 : value.indexOf(':');
        if (at < 0 || colon < 0 || colon > at)
            throw new IllegalArgumentException(MediaConfig.PREFIX + name + " entries must be user:password@host:port, got one for '"
                + (at < 0 ? "?" : value.substring(at + 1)) + "'");
        InetSocketAddress server = hostPort(name, value.substring(at + 1));
        return new IceSettings.TurnServer(server.getHostString(), server.getPort(), value.substring(0, colon), value.substring(colon + 1, at));
    }

    static InetSocketAddress hostPort(String name, String value) {
        int colon = value.lastIndexOf(':');
        try {
            if (colon <= 0)
                throw new NumberFormatException();
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535)
                throw new NumberFormatException();
            return InetSocketAddress.createUnresolved(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MediaConfig.PREFIX + name + " entries must be host:port, got '" + value + "'");
        }
    }
}
