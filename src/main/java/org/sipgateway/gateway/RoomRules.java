package org.sipgateway.gateway;

/**
 * How an incoming call names its conference room: the header names (Jigasi's by default), whether
 * the Request-URI user may name the room, the default room, and the MUC service bare names join.
 */
public record RoomRules(String roomHeader, String passwordHeader, String tokenHeader, String domainBaseHeader,
        String tenantHeader, boolean roomFromRequestUri, String defaultRoom, String mucService) {

    public static final String ROOM_HEADER = "Jitsi-Conference-Room";
    public static final String PASSWORD_HEADER = "Jitsi-Conference-Room-Pass";
    public static final String TOKEN_HEADER = "Jitsi-Auth-Token";
    public static final String DOMAIN_BASE_HEADER = "Jitsi-Conference-Domain-Base";
    public static final String TENANT_HEADER = "Jitsi-Conference-Tenant";

    /** Jigasi's header names, no Request-URI rooms, no default room. */
    public static RoomRules jigasiDefaults(String mucService) {
        return new RoomRules(ROOM_HEADER, PASSWORD_HEADER, TOKEN_HEADER, DOMAIN_BASE_HEADER, TENANT_HEADER,
                false, "", mucService);
    }
}
