package org.sipgateway.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipgateway.sip.call.IncomingCall;
import org.sipgateway.sip.call.IncomingCallListener;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every inbound INVITE that passed SIP's checks: finds its room, admits it within the call
 * limits, and starts a {@link GatewaySession}. A call that cannot be served is rejected with a
 * status and a reason naming what is missing; with the keypad IVR on, a call that names no room
 * (or dials the IVR number) goes to the IVR instead. Its calls share the {@link Switchboard} with dial-out.
 */
public final class DialInService implements IncomingCallListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DialInService.class);
    private static final Pattern REQUEST_URI_USER = Pattern.compile("^sips?:([^@;]+)@");

    private static final int DRAINING_RETRY_AFTER_SECONDS = 300;

    private final Switchboard board;
    private final GatewayContext ctx;
    private final RoomResolver rooms;
    private volatile boolean closed;
    private volatile IvrSetup ivr;

    public DialInService(Switchboard board) {
        this.board = board;
        this.ctx = board.context();
        this.rooms = new RoomResolver(ctx.config().rooms());
    }

    @Override
    public void onIncomingCall(IncomingCall call) {
        if (closed || board.isDraining()) {
            // RFC 3261 section 21.5.4: 503 sends the caller's proxy to another gateway
            call.rejectRetryAfter(503, "Gateway is shutting down: live calls finish, new calls go elsewhere",
                    DRAINING_RETRY_AFTER_SECONDS);
            return;
        }
        final IvrSetup keypad = ivr;
        final String requestUser = requestUriUser(call.requestUri());
        RoomTarget room = null; // none: the keypad IVR asks for the PIN
        if (keypad == null || !keypad.config().isIvrNumber(requestUser)) {
            try {
                room = rooms.resolve(call::header, requestUser);
            } catch (NoRoomException e) {
                if (keypad == null || e.sipStatus() != 404) {
                    LOG.info("Refused INVITE from {}: {} {}", call.source(), e.sipStatus(), e.getMessage());
                    call.reject(e.sipStatus(), e.getMessage());
                    return;
                }
            }
        }
        final NegotiatedMedia media = call.offeredMedia().orElse(null);
        if (media == null) {
            // RFC 3261 section 13.2.1 allows it, but the bridge offer must meet a known SIP codec first
            call.reject(488, "INVITE without an SDP offer is not supported for conference calls");
            return;
        }
        final CallLimits.Result admission = room == null ? ctx.limits().tryAcquireWithoutRoom()
                : ctx.limits().tryAcquire(room.roomJid());
        if (admission.refusal().isPresent()) {
            final CallLimits.Refusal refusal = admission.refusal().get();
            LOG.info("Refused INVITE from {} for {}: {} {}", call.source(), room == null ? "the keypad IVR"
                    : room.roomJid(), refusal.sipStatus(), refusal.reason());
            call.reject(refusal.sipStatus(), refusal.reason());
            return;
        }
        final CallLimits.Permit permit = admission.permit().orElseThrow();
        (room == null ? new GatewaySession(ctx, call, media, keypad, permit)
                : new GatewaySession(ctx, call, media, room, permit)).start();
    }

    /** Calls without a room (and calls to the IVR number) go to the keypad IVR from now on; null: they get 404. */
    public void useIvr(IvrSetup setup) {
        ivr = setup;
    }

    /** True while new calls are refused (graceful shutdown). */
    public boolean isDraining() {
        return closed || board.isDraining();
    }

    public int activeCalls() {
        return ctx.limits().active();
    }

    static String requestUriUser(String requestUri) {
        final Matcher m = REQUEST_URI_USER.matcher(requestUri == null ? "" : requestUri);
        return m.find() ? m.group(1) : null;
    }

    /** Refuses new calls from now on; the {@link Switchboard} ends the live ones. */
    @Override
    public void close() {
        closed = true;
    }
}
