package org.sipgateway.gateway;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.sipgateway.gateway.DialOutFailure.Kind;
import org.sipgateway.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts dial-outs that call control has allowed: admits each within the gateway's call limits (shared with
 * dial-in through the {@link Switchboard}) and runs it as an {@link OutboundSession}. Refusals name the reason.
 */
public final class DialOutService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DialOutService.class);

    /** What became of a hangup request sent to call control for one call. */
    public enum HangupResult { ENDING, UNKNOWN_CALL, NOT_ALLOWED }

    private final Switchboard board;
    private final GatewayContext ctx;
    private final SipService sip;
    private final Map<String, OutboundSession> byEndpoint = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public DialOutService(Switchboard board, SipService sip) {
        this.board = board;
        this.ctx = board.context();
        this.sip = sip;
    }

    /**
     * Joins the room and then calls the target. The future completes with our occupant JID in the room (the Rayo
     * {@code ref}) once we are in and the requester passed its check, or exceptionally with a {@link DialOutFailure}.
     * {@code quota} (call control's limits) is taken once the requester passed, closed when the call ends or at once
     * when it cannot start.
     */
    public CompletableFuture<String> dial(DialOutRequest request, DialOutQuota quota) {
        if (closed || board.isDraining()) {
            return refused(quota, Kind.UNAVAILABLE, "the gateway is shutting down and takes no new calls");
        }
        final String roomJid = request.room().indexOf('@') > 0 ? request.room()
                : request.room() + "@" + ctx.config().xmpp().mucService();
        final CallLimits.Result admission = ctx.limits().tryAcquire(roomJid);
        if (admission.refusal().isPresent()) {
            return refused(quota, Kind.UNAVAILABLE, admission.refusal().get().reason());
        }
        final OutboundSession[] holder = new OutboundSession[1];
        final OutboundSession session = new OutboundSession(ctx, sip, request, roomJid, admission.permit().orElseThrow(),
                quota, () -> byEndpoint.remove(holder[0].endpointId(), holder[0]));
        holder[0] = session;
        byEndpoint.put(session.endpointId(), session);
        session.start();
        return session.ref();
    }

    /** A Rayo hangup sent to call control for the call whose nick is {@code endpointId}, from {@code from}. */
    public HangupResult hangup(String endpointId, String from) {
        final OutboundSession session = endpointId == null ? null : byEndpoint.get(endpointId);
        if (session == null) {
            return HangupResult.UNKNOWN_CALL;
        }
        return session.hangupFrom(from) ? HangupResult.ENDING : HangupResult.NOT_ALLOWED;
    }

    /** Dial-outs in progress (joining, ringing or connected). */
    public int active() {
        return byEndpoint.size();
    }

    private static CompletableFuture<String> refused(DialOutQuota quota, Kind kind, String reason) {
        LOG.info("Dial-out refused: {}", reason);
        quota.close();
        return CompletableFuture.failedFuture(new DialOutFailure(kind, reason));
    }

    /** Takes no new dial-outs; the {@link Switchboard} ends the live ones. */
    @Override
    public void close() {
        closed = true;
    }
}
