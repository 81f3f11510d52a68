package org.sipgateway.sip.stack;

import gov.nist.javax.sip.header.SIPHeader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Small read/write helpers over jain-sip messages. */
public final class SipMessages {

    private SipMessages() {
    }

    /** A response to a request; the reason phrase, when given, replaces the standard one. */
    public static Response response(SipContext ctx, Request request, int status, String reason) throws ParseException {
        Response r = ctx.messages().createResponse(status, request);
        if (reason != null && !reason.isBlank()) {
            r.setReasonPhrase(sanitize(reason));
        }
        r.addHeader(ctx.header("User-Agent", ctx.config().userAgent()));
        return r;
    }

    /** Reason phrases and header texts must not carry CR/LF or quotes (RFC 3261 section 25.1). */
    public static String sanitize(String text) {
        String s = text.replaceAll("[\\r\\n\"]", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** The body as text, or empty when there is none. */
    public static Optional<String> body(Message m) {
        byte[] raw = m.getRawContent();
        if (raw == null || raw.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new String(raw, StandardCharsets.UTF_8));
    }

    /** Whether the message carries an application/sdp body. */
    public static boolean hasSdp(Message m) {
        ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        return ct != null && "application".equalsIgnoreCase(ct.getContentType())
                && "sdp".equalsIgnoreCase(ct.getContentSubType()) && body(m).isPresent();
    }

    public static void setSdp(SipContext ctx, Message m, String sdp) throws ParseException {
        m.setContent(sdp, ctx.headers().createContentTypeHeader("application", "sdp"));
    }

    /** The value of a header without its name, e.g. {@code 90;refresher=uac}. */
    public static String value(Header h) {
        if (h instanceof SIPHeader s) {
            return s.getHeaderValue().strip();
        }
        String text = h.toString();
        int colon = text.indexOf(':');
        return (colon < 0 ? text : text.substring(colon + 1)).strip();
    }

    /** The first value of a header, if present. */
    public static Optional<String> value(Message m, String name) {
        Header h = m.getHeader(name);
        return h == null ? Optional.empty() : Optional.of(value(h));
    }

    /** Every value of a header, in message order. */
    public static List<String> values(Message m, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it != null && it.hasNext()) {
            out.add(value((Header) it.next()));
        }
        return out;
    }

    /** All headers by name in message order (names as jain-sip spells them). */
    public static Map<String, List<String>> all(Message m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ListIterator<?> names = m.getHeaderNames();
        while (names.hasNext()) {
            String name = (String) names.next();
            out.put(name, List.copyOf(values(m, name)));
        }
        return out;
    }

    /** Whether a comma-separated header (Supported, Require, Allow) contains a token. */
    public static boolean listContains(Message m, String name, String token) {
        for (String v : values(m, name)) {
            for (String part : v.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
