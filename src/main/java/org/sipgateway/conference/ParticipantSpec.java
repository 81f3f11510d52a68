package org.sipgateway.conference;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who joins which room for one call.
 *
 * @param room           room name: a bare name (the MUC service is appended) or a full room JID
 * @param roomPassword   the room's password, or empty
 * @param displayName    the caller's name or number, shown in Meet (XEP-0172 nick)
 * @param maskDigits     privacy: show only the last four digits of the display name
 * @param endpointId     our MUC nick; Jitsi uses it as the endpoint id, so it stays short and ASCII
 * @param initiatorHeaders extra SIP headers for the {@code <initiator>} presence element (Jigasi does the same)
 * @param opusRed        advertise {@code http://jitsi.org/opus-red}, so the focus offers RED (docs/JITSI-WIRE.md)
 * @param existingRoomOnly join only a room that exists already (dial-out: never create an empty room of our own)
 */
public record ParticipantSpec(String room, String roomPassword, String displayName, boolean maskDigits,
        String endpointId, Map<String, String> initiatorHeaders, boolean opusRed, boolean existingRoomOnly) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public ParticipantSpec {
        Objects.requireNonNull(room, "room");
        if (room.isBlank()) {
            throw new IllegalArgumentException("no conference room given");
        }
        roomPassword = roomPassword == null ? "" : roomPassword;
        displayName = displayName == null || displayName.isBlank() ? "Phone" : displayName.trim();
        endpointId = endpointId == null || endpointId.isBlank() ? randomEndpointId() : endpointId;
        initiatorHeaders = Map.copyOf(initiatorHeaders == null ? Map.of() : new LinkedHashMap<>(initiatorHeaders));
    }

    public static ParticipantSpec of(String room, String displayName) {
        return new ParticipantSpec(room, "", displayName, false, null, Map.of(), false, false);
    }

    public ParticipantSpec withPassword(String password) {
        return new ParticipantSpec(room, password, displayName, maskDigits, endpointId, initiatorHeaders, opusRed, existingRoomOnly);
    }

    public ParticipantSpec withMaskedDigits(boolean mask) {
        return new ParticipantSpec(room, roomPassword, displayName, mask, endpointId, initiatorHeaders, opusRed, existingRoomOnly);
    }

    public ParticipantSpec withEndpointId(String id) {
        return new ParticipantSpec(room, roomPassword, displayName, maskDigits, id, initiatorHeaders, opusRed, existingRoomOnly);
    }

    public ParticipantSpec withInitiatorHeaders(Map<String, String> headers) {
        return new ParticipantSpec(room, roomPassword, displayName, maskDigits, endpointId, headers, opusRed, existingRoomOnly);
    }

    public ParticipantSpec withOpusRed(boolean red) {
        return new ParticipantSpec(room, roomPassword, displayName, maskDigits, endpointId, initiatorHeaders, red, existingRoomOnly);
    }

    public ParticipantSpec withExistingRoomOnly(boolean existingOnly) {
        return new ParticipantSpec(room, roomPassword, displayName, maskDigits, endpointId, initiatorHeaders, opusRed,
                existingOnly);
    }

    /** The name Meet shows: with {@code maskDigits}, every digit but the last four becomes {@code *}. */
    public String shownName() {
        if (!maskDigits) {
            return displayName;
        }
        final long digits = displayName.chars().filter(Character::isDigit).count();
        final StringBuilder out = new StringBuilder(displayName.length());
        long seen = 0;
        for (char c : displayName.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen > digits - 4 ? c : '*');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The room's JID: {@code room} as given when it has a domain, else {@code room@mucService}. */
    public String roomJid(String mucService) {
        return room.indexOf('@') > 0 ? room : room + "@" + mucService;
    }

    private static String randomEndpointId() {
        return String.format("%08x", RANDOM.nextInt());
    }
}
