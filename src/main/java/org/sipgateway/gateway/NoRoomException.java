package org.sipgateway.gateway;

/** The call names no usable room: carries the SIP status and a reason phrase that names the input. */
public final class NoRoomException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int sipStatus;

    public NoRoomException(int sipStatus, String reason) {
        super(reason);
        this.sipStatus = sipStatus;
    }

    public int sipStatus() {
        return sipStatus;
    }
}
