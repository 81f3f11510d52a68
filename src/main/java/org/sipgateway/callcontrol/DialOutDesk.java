package org.sipgateway.callcontrol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.sipgateway.callcontrol.DialPolicy.Who;
import org.sipgateway.callcontrol.RayoAnswer.Condition;
import org.sipgateway.gateway.DialOutFailure;
import org.sipgateway.gateway.DialOutRequest;
import org.sipgateway.gateway.DialOutRequest.RequesterMust;
import org.sipgateway.gateway.DialOutService;
import org.sipgateway.gateway.DialOutTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every Rayo dial and hangup ends up, whichever path brought it (the callcontrol component or the brewery):
 * the request is checked and its target parsed ({@link DialOutTarget}), judged by the {@link DialPolicy}, and handed to
 * the gateway, which checks the requester in the room before the dial counts against the hourly limits. Each refusal
 * is an answer with the reason and a log line; nothing is dialled for a refused request.
 */
public final class DialOutDesk {
    private static final Logger LOG = LoggerFactory.getLogger(DialOutDesk.class);

    /** How a dial reached us, which decides who checks the requester. */
    public enum Path {
        /** Straight from a client (the component): we check in the room that the requester may dial. */
        CLIENT,
        /** Forwarded by a trusted focus from the brewery room: Jicofo checked the requester before. */
        FOCUS
    }

    private final DialPolicy policy;
    private final Supplier<DialOutService> gateway;
    private final String outboundProxy;

    /**
     * @param gateway       the running dial-out service, or null while the SIP side is stopped
     * @param outboundProxy SIP proxy for dial-outs ({@code sipgateway.dialout.proxy}), empty for the SIP default
     */
    public DialOutDesk(DialPolicy policy, Supplier<DialOutService> gateway, String outboundProxy) {
        this.policy = policy;
        this.gateway = gateway;
        this.outboundProxy = outboundProxy == null ? "" : outboundProxy;
    }

    /** Completes with the answer for the requester: the ref once the gateway is in the room, or an error. */
    public CompletableFuture<RayoAnswer> dial(RayoDial dial, Path path) {
        final RayoAnswer bad = check(dial);
        if (bad != null) {
            return refused(dial, bad);
        }
        final DialOutTarget target;
        try {
            target = DialOutTarget.parse(dial.to(), policy.rules().starAndHash());
        } catch (IllegalArgumentException e) {
            return refused(dial, RayoAnswer.error(Condition.BAD_REQUEST, e.getMessage()));
        }
        // on the client path the moderator rule is checked in the room, once the gateway can see who is there
        final DialPolicy.Admission admission = policy.admit(new DialRequest(dial.requester(), true,
                dial.room().toLowerCase(java.util.Locale.ROOT), target, path == Path.FOCUS));
        if (!admission.decision().allowed()) {
            return refused(dial, RayoAnswer.error(condition(admission.decision().refusal()),
                    admission.decision().reason()));
        }
        final DialOutService service = gateway.get();
        if (service == null) {
            admission.permit().close();
            return refused(dial, RayoAnswer.error(Condition.SERVICE_UNAVAILABLE,
                    "the gateway's SIP side is not running, so it cannot dial out"));
        }
        final Who who = policy.rules().who();
        final RequesterMust must = path == Path.FOCUS ? RequesterMust.NOTHING
                : who == Who.MODERATORS ? RequesterMust.BE_MODERATOR : RequesterMust.BE_OCCUPANT;
        final DialOutRequest request = new DialOutRequest(dial.room(), dial.roomPassword(), target,
                target.canonical(), path == Path.FOCUS ? "" : dial.requester(), must, who == Who.OCCUPANTS, outboundProxy);
        LOG.info("Dial-out to {} into {} asked by {} ({} path)", target, dial.room(), dial.requester(), path);
        return service.dial(request, admission.permit()).handle((occupant, failure) -> {
            if (failure == null) {
                return RayoAnswer.ref(occupant);
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            final RayoAnswer error = cause instanceof DialOutFailure f ? RayoAnswer.error(condition(f.kind()), f.getMessage())
                    : RayoAnswer.error(Condition.INTERNAL_SERVER_ERROR, "dial-out failed: " + cause);
            LOG.info("Dial-out to {} into {} for {} refused: {}", target, dial.room(), dial.requester(), error.text());
            return error;
        });
    }

    /** A hangup sent to call control for the call whose nick is {@code endpointId}. */
    public RayoAnswer hangup(String endpointId, String from) {
        final DialOutService service = gateway.get();
        if (service == null) {
            return RayoAnswer.error(Condition.ITEM_NOT_FOUND, "no call " + endpointId + " on this gateway");
        }
        return switch (service.hangup(endpointId, from)) {
            case ENDING -> RayoAnswer.done();
            case UNKNOWN_CALL -> RayoAnswer.error(Condition.ITEM_NOT_FOUND, "no call " + endpointId + " on this gateway");
            case NOT_ALLOWED -> RayoAnswer.error(Condition.FORBIDDEN,
                    "only a moderator of the room or whoever dialled this call may hang it up");
        };
    }

    private static RayoAnswer check(RayoDial dial) {
        if (RayoDial.TRANSCRIBER.equals(dial.to())) {
            return RayoAnswer.error(Condition.FEATURE_NOT_IMPLEMENTED,
                    "this gateway places phone calls; it does not transcribe (to=\"" + RayoDial.TRANSCRIBER + "\")");
        }
        if (dial.to().isEmpty()) {
            return RayoAnswer.error(Condition.BAD_REQUEST, "the dial has no 'to' (the number or SIP URI to call)");
        }
        if (dial.room().isEmpty()) {
            return RayoAnswer.error(Condition.BAD_REQUEST, "the dial has no " + RayoDial.ROOM_HEADER
                    + " header naming the conference room");
        }
        if (dial.room().length() > 1024 || dial.room().chars().anyMatch(Character::isISOControl)) {
            return RayoAnswer.error(Condition.BAD_REQUEST, "the " + RayoDial.ROOM_HEADER + " header is not a room name");
        }
        if (!isRoomJid(dial.room())) {
            return RayoAnswer.error(Condition.BAD_REQUEST, "the " + RayoDial.ROOM_HEADER + " header '"
                    + DialOutTarget.printable(dial.room()) + "' is not a room JID like room@conference.example.com");
        }
        return null;
    }

    /** {@code room@service}: one '@' with something on each side, no resource, and a JID by RFC 7622. */
    private static boolean isRoomJid(String room) {
        final int at = room.indexOf('@');
        if (at <= 0 || at != room.lastIndexOf('@') || at == room.length() - 1 || room.indexOf('/') >= 0) {
            return false;
        }
        try {
            new org.xmpp.packet.JID(room);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static CompletableFuture<RayoAnswer> refused(RayoDial dial, RayoAnswer answer) {
        // what the client sent is shown, not trusted: no line breaks can forge log lines
        LOG.info("Dial-out to '{}' into '{}' for {} refused: {}", DialOutTarget.printable(dial.to()),
                DialOutTarget.printable(dial.room()), dial.requester(), answer.text());
        return CompletableFuture.completedFuture(answer);
    }

    private static Condition condition(DialDecision.Refusal refusal) {
        return switch (refusal) {
            case BAD_REQUEST -> Condition.BAD_REQUEST;
            case RESOURCE_CONSTRAINT -> Condition.RESOURCE_CONSTRAINT;
            case FORBIDDEN, NONE -> Condition.FORBIDDEN;
        };
    }

    private static Condition condition(DialOutFailure.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> Condition.BAD_REQUEST;
            case FORBIDDEN -> Condition.FORBIDDEN;
            case NOT_AUTHORIZED -> Condition.NOT_AUTHORIZED;
            case NOT_FOUND -> Condition.ITEM_NOT_FOUND;
            case UNAVAILABLE -> Condition.SERVICE_UNAVAILABLE;
            case LIMITED -> Condition.RESOURCE_CONSTRAINT;
        };
    }
}
