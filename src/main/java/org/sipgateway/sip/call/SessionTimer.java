package org.sipgateway.sip.call;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4028 session timer of one call: negotiates Session-Expires/refresher, refreshes when we are
 * the refresher, and ends the call with BYE when the peer stops refreshing.
 */
final class SessionTimer {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTimer.class);

    private final SipCall call;
    private final SipConfig config;
    private int interval;
    private boolean weRefresh;
    private ScheduledFuture<?> task;
    private int unsentRefreshes;

    SessionTimer(SipCall call) {
        this.call = call;
        this.config = call.ctx.config();
    }

    /** UAS: the Min-SE to demand in a 422 when the offered interval is too small (RFC 4028 section 8.1). */
    Optional<Integer> tooSmall(Request invite) {
        Optional<Integer> se = seconds(invite);
        return se.isPresent() && se.get() < config.minSessionExpiresSeconds()
                ? Optional.of(config.minSessionExpiresSeconds()) : Optional.empty();
    }

    /** UAC: Supported/Session-Expires/Min-SE on our INVITE (RFC 4028 section 7.1). */
    void offerAsUac(Request invite) throws java.text.ParseException {
        invite.addHeader(call.ctx.header("Supported", "timer"));
        invite.addHeader(call.ctx.header("Session-Expires", String.valueOf(config.sessionExpiresSeconds())));
        invite.addHeader(call.ctx.header("Min-SE", String.valueOf(config.minSessionExpiresSeconds())));
    }

    /** UAC after 422: ask again with the peer's Min-SE (RFC 4028 section 7.3); false if nothing to change. */
    boolean retryAfter422(Request invite, Response r) {
        Optional<Integer> min = SipMessages.value(r, "Min-SE").map(SessionTimer::leadingInt);
        if (min.isEmpty() || min.get() <= seconds(invite).orElse(0)) {
            return false;
        }
        invite.removeHeader("Session-Expires");
        invite.removeHeader("Min-SE");
        try {
            invite.addHeader(call.ctx.header("Session-Expires", String.valueOf(min.get())));
            invite.addHeader(call.ctx.header("Min-SE", String.valueOf(min.get())));
            return true;
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /** UAC: our INVITE's 2xx says who refreshes; no Session-Expires means no timer (section 7.2). */
    void answeredAsUac(Response ok) {
        configure(ok, true);
    }

    /** UAS: choose interval and refresher and write them into our 2xx (RFC 4028 section 9). */
    void answerAsUas(Request invite, Response ok) throws java.text.ParseException {
        Optional<Integer> asked = seconds(invite);
        boolean peerSupports = SipMessages.listContains(invite, "Supported", "timer");
        if (asked.isEmpty() && !peerSupports) {
            return;
        }
        int se = Math.min(asked.orElse(config.sessionExpiresSeconds()), config.sessionExpiresSeconds());
        se = Math.max(se, config.minSessionExpiresSeconds());
        String refresher = refresherParam(invite).orElse(peerSupports ? "uac" : "uas");
        ok.addHeader(call.ctx.header("Session-Expires", se + ";refresher=" + refresher));
        if (peerSupports) {
            ok.addHeader(call.ctx.header("Require", "timer"));
        }
        interval = se;
        weRefresh = "uas".equals(refresher);
    }

    /** The peer refreshed with re-INVITE/UPDATE: answer with the interval and restart (section 9). */
    void refreshedByPeer(Request request, Response ok) throws java.text.ParseException {
        Optional<Integer> se = seconds(request);
        if (se.isEmpty()) {
            if (interval > 0) {
                start();
            }
            return;
        }
        interval = Math.max(se.get(), config.minSessionExpiresSeconds());
        String refresher = refresherParam(request).orElse("uac");
        weRefresh = "uas".equals(refresher);
        ok.addHeader(call.ctx.header("Session-Expires", interval + ";refresher=" + refresher));
        if (SipMessages.listContains(request, "Supported", "timer")) {
            ok.addHeader(call.ctx.header("Require", "timer"));
        }
        start();
    }

    /** Our refresh got its 2xx. */
    void refreshAnswered(Response ok) {
        if (SipMessages.value(ok, "Session-Expires").isPresent()) {
            configure(ok, true);
        }
        start();
    }

    /** (Re)arms the timer: refresh at half the interval, or expiry per RFC 4028 section 10. */
    synchronized void start() {
        stop();
        if (interval <= 0 || call.state() == CallState.ENDED) {
            return;
        }
        long delayMs = weRefresh ? interval * 500L : (interval - Math.min(32, interval / 3)) * 1000L;
        task = call.ctx.timers().schedule(() -> call.executor.execute(weRefresh ? this::refresh : this::expire),
                delayMs, TimeUnit.MILLISECONDS);
    }

    /** A refresh we sent failed without ending the dialog: try again soon (glare) or at the next half interval. */
    synchronized void retryRefresh(boolean glare) {
        if (!glare) {
            start();
            return;
        }
        stop();
        long delayMs = 2100 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1900);
        task = call.ctx.timers().schedule(() -> call.executor.execute(this::refresh), delayMs, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void refresh() {
        if (call.state() != CallState.ESTABLISHED) {
            return;
        }
        String method = config.refreshWithUpdate() ? Request.UPDATE : Request.INVITE;
        LOG.debug("call {}: session refresh by {}", call.callId(), method);
        boolean sent = call.sendInDialog(method, r -> {
            try {
                r.addHeader(call.ctx.header("Supported", "timer"));
                r.addHeader(call.ctx.header("Session-Expires", interval + ";refresher=uac"));
                if (Request.INVITE.equals(method) && call.localMedia != null && call.media != null) {
                    SipMessages.setSdp(call.ctx, r, call.sdp.offer(call.localMedia,
                            java.util.List.of(call.media.codec()), call.media.direction()));
                }
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        });
        if (sent) {
            unsentRefreshes = 0;
        } else if (++unsentRefreshes <= 3) {
            // e.g. the peer's own re-INVITE is in progress: try again shortly (RFC 3261 section 14.1)
            retryRefresh(true);
        } else {
            call.end(new CallEnd(CallEnd.Cause.FAILED, 0, "session refresh could not be sent 3 times"));
        }
    }

    private void expire() {
        if (call.state() != CallState.ESTABLISHED) {
            return;
        }
        String why = "session timer expired: no refresh within " + interval + " s";
        call.sendBye(why);
        call.end(new CallEnd(CallEnd.Cause.SESSION_EXPIRED, 0, why));
    }

    private void configure(Message m, boolean weAreUac) {
        Optional<Integer> se = seconds(m);
        if (se.isEmpty()) {
            return;
        }
        interval = se.get();
        String refresher = refresherParam(m).orElse(weAreUac ? "uac" : "uas");
        weRefresh = weAreUac == "uac".equals(refresher);
    }

    private static Optional<Integer> seconds(Message m) {
        return SipMessages.value(m, "Session-Expires").or(() -> SipMessages.value(m, "x")).map(SessionTimer::leadingInt);
    }

    private static Optional<String> refresherParam(Message m) {
        return SipMessages.value(m, "Session-Expires").flatMap(v -> {
            for (String p : v.split(";")) {
                String t = p.strip().toLowerCase(java.util.Locale.ROOT);
                if (t.startsWith("refresher=")) {
                    return Optional.of(t.substring(10).strip());
                }
            }
            return Optional.empty();
        });
    }

    private static int leadingInt(String v) {
        String digits = v.strip().split("[;\\s]")[0];
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
