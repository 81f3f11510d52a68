package org.sipgateway.sip.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** An IPv4 or IPv6 network like {@code 10.0.0.0/8} or a single address. */
public record Cidr(byte[] network, int prefixLength, String text) {

    /** Parses "a.b.c.d/n", "x::y/n" or a bare address; the error names the input. Literals only, no DNS. */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP network: '" + text + "'");
        }
        try {
            byte[] addr = InetAddress.getByName(host).getAddress();
            int prefix = slash < 0 ? addr.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > addr.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
            }
            return new Cidr(addr, prefix, t);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an IP network: '" + text + "'", e);
        }
    }

    /** Parses a comma- or space-separated list; blank gives an empty list. */
    public static List<Cidr> parseList(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
        }
        return List.copyOf(out);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
