package org.sipgateway.sip.call;

import java.util.Locale;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import org.sipgateway.sip.stack.SipMessages;

/** A DTMF digit carried in SIP INFO: application/dtmf-relay ("Signal=5") or application/dtmf ("5"). */
record DtmfInfo(char digit, int durationMs) {

    static Optional<DtmfInfo> parse(Request info) {
        ContentTypeHeader ct = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
        Optional<String> body = SipMessages.body(info);
        if (ct == null || body.isEmpty()) {
            return Optional.empty();
        }
        String sub = ct.getContentSubType().toLowerCase(Locale.ROOT);
        if ("dtmf".equals(sub)) {
            return digit(body.get().strip(), 250);
        }
        if (!"dtmf-relay".equals(sub)) {
            return Optional.empty();
        }
        String signal = null;
        int duration = 250;
        for (String line : body.get().split("\r?\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("Signal")) {
                signal = kv[1].strip();
            } else if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("Duration")) {
                try {
                    duration = Integer.parseInt(kv[1].strip());
                } catch (NumberFormatException ignored) {
                    // keep the default: a bad duration does not make the digit unusable
                }
            }
        }
        return signal == null ? Optional.empty() : digit(signal, duration);
    }

    private static Optional<DtmfInfo> digit(String s, int duration) {
        if (s.length() == 1 && "0123456789*#ABCDabcd".indexOf(s.charAt(0)) >= 0) {
            return Optional.of(new DtmfInfo(Character.toUpperCase(s.charAt(0)), duration));
        }
        if ("10".equals(s)) {
            return Optional.of(new DtmfInfo('*', duration)); // some phones send event codes 10/11
        }
        if ("11".equals(s)) {
            return Optional.of(new DtmfInfo('#', duration));
        }
        return Optional.empty();
    }
}
