package org.sipgateway.sip.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the parts of an SDP body (RFC 4566) the gateway uses; errors name the line. */
public final class SdpParser {

    private SdpParser() {
    }

    public static SessionDescription parse(String body) throws InvalidSdpException {
        if (body == null || body.isBlank()) {
            throw new InvalidSdpException("empty SDP body");
        }
        long sessionId = 0;
        long version = 0;
        String originAddress = null;
        String sessionConnection = null;
        MediaDirection sessionDirection = null;
        List<MediaSection> sections = new ArrayList<>();
        SectionBuilder current = null;
        int lineNo = 0;
        for (String raw : body.split("\r?\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new InvalidSdpException("SDP line " + lineNo + " is not type=value: '" + line + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            try {
                switch (type) {
                    case 'o' -> {
                        String[] f = value.split(" ");
                        if (f.length < 6) {
                            throw new InvalidSdpException("SDP o= line needs 6 fields: '" + line + "'");
                        }
                        sessionId = parseLongLenient(f[1]);
                        version = parseLongLenient(f[2]);
                        originAddress = f[5];
                    }
                    case 'c' -> {
                        String[] f = value.split(" ");
                        if (f.length < 3 || !"IN".equals(f[0])) {
                            throw new InvalidSdpException("SDP c= line must be 'IN IP4|IP6 address': '" + line + "'");
                        }
                        String address = f[2].split("/")[0];
                        if (current == null) {
                            sessionConnection = address;
                        } else {
                            current.connection = address;
                        }
                    }
                    case 'm' -> {
                        if (current != null) {
                            sections.add(current.build());
                        }
                        current = new SectionBuilder(value, line);
                    }
                    case 'a' -> {
                        MediaDirection d = MediaDirection.fromAttribute(value);
                        if (d != null && current == null) {
                            sessionDirection = d;
                        } else if (current != null) {
                            current.attribute(value, line);
                        }
                    }
                    default -> { }
                }
            } catch (NumberFormatException e) {
                throw new InvalidSdpException("SDP line " + lineNo + " has a bad number: '" + line + "'");
            }
        }
        if (current != null) {
            sections.add(current.build());
        }
        if (sections.isEmpty()) {
            throw new InvalidSdpException("SDP has no m= line");
        }
        return new SessionDescription(sessionId, version, originAddress, sessionConnection,
                sessionDirection, List.copyOf(sections));
    }

    // o= ids are often larger than a long (NTP-based); only equality and change matter.
    private static long parseLongLenient(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return s.hashCode();
        }
    }

    private static final class SectionBuilder {
        final String media;
        final int port;
        final String protocol;
        final List<Integer> formats = new ArrayList<>();
        final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
        final Map<Integer, String> fmtps = new LinkedHashMap<>();
        MediaDirection direction;
        int ptime;
        String connection;

        SectionBuilder(String value, String line) throws InvalidSdpException {
            String[] f = value.split(" ");
            if (f.length < 3) {
                throw new InvalidSdpException("SDP m= line needs media, port and protocol: '" + line + "'");
            }
            media = f[0];
            port = Integer.parseInt(f[1].split("/")[0]);
            protocol = f[2];
            for (int i = 3; i < f.length; i++) {
                if (f[i].chars().allMatch(Character::isDigit) && !f[i].isEmpty()) {
                    formats.add(Integer.parseInt(f[i]));
                }
            }
        }

        void attribute(String value, String line) throws InvalidSdpException {
            MediaDirection d = MediaDirection.fromAttribute(value);
            if (d != null) {
                direction = d;
            } else if (value.startsWith("rtpmap:")) {
                String[] f = value.substring(7).split("[ /]");
                if (f.length < 3) {
                    throw new InvalidSdpException("SDP rtpmap needs 'PT name/rate': '" + line + "'");
                }
                int pt = Integer.parseInt(f[0]);
                int channels = f.length > 3 ? Integer.parseInt(f[3]) : 1;
                rtpMaps.put(pt, new RtpMap(pt, f[1], Integer.parseInt(f[2]), channels));
            } else if (value.startsWith("fmtp:")) {
                String rest = value.substring(5);
                int sp = rest.indexOf(' ');
                if (sp > 0) {
                    fmtps.put(Integer.parseInt(rest.substring(0, sp)), rest.substring(sp + 1).strip());
                }
            } else if (value.startsWith("ptime:")) {
                ptime = Integer.parseInt(value.substring(6).strip());
            }
        }

        MediaSection build() {
            return new MediaSection(media, port, protocol, List.copyOf(formats), Map.copyOf(rtpMaps),
                    Map.copyOf(fmtps), direction, ptime, connection);
        }
    }
}
