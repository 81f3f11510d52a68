package org.sipgateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A SIP message as text (RFC 3261 section 7): start line, headers in order, body. Enough for the probe call. */
record SipMessage(String startLine, List<String[]> headers, String body) {

    static SipMessage parse(String text) {
        final int end = text.indexOf("\r\n\r\n");
        final String head = end < 0 ? text : text.substring(0, end);
        final String body = end < 0 ? "" : text.substring(end + 4);
        final String[] lines = head.split("\r\n");
        final List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty() && Character.isWhitespace(lines[i].charAt(0)) && !headers.isEmpty()) {
                final String[] last = headers.get(headers.size() - 1); // RFC 3261 7.3.1: a folded continuation line
                last[1] = last[1] + " " + lines[i].trim();
                continue;
            }
            final int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        return new SipMessage(lines[0], headers, body);
    }

    boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    int status() {
        return isResponse() ? Integer.parseInt(startLine.substring(8, 11)) : 0;
    }

    /** The request's method, or for a response the method its CSeq names. */
    String method() {
        if (!isResponse()) {
            return startLine.split(" ")[0];
        }
        final String cseq = header("CSeq", null);
        return cseq == null ? "" : cseq.replaceFirst("^\\d+\\s+", "").trim();
    }

    /** The first value of a header by name or its compact form (RFC 3261 section 7.3.3), or null. */
    String header(String name, String compact) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name) || (compact != null && h[0].equalsIgnoreCase(compact))) {
                return h[1];
            }
        }
        return null;
    }

    /** Every header of that name, in order, as lines ready to copy into a response. */
    List<String> headerLines(String name, String compact) {
        final List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name) || (compact != null && h[0].equalsIgnoreCase(compact))) {
                out.add(name + ": " + h[1]);
            }
        }
        return out;
    }

    /** The URI inside a name-addr ({@code "x" <sip:a@b>;p}) or an addr-spec up to its parameters. */
    static String uriOf(String nameAddr) {
        final int lt = nameAddr.indexOf('<');
        if (lt >= 0) {
            return nameAddr.substring(lt + 1, nameAddr.indexOf('>', lt));
        }
        final int semi = nameAddr.indexOf(';');
        return (semi < 0 ? nameAddr : nameAddr.substring(0, semi)).trim();
    }

    /** The value of an SDP line type ({@code "c="}) in the body, the last one (media level over session level). */
    String sdpLast(String type) {
        String found = null;
        for (String line : body.split("\r?\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(type)) {
                found = line.substring(type.length()).trim();
            }
        }
        return found;
    }
}
