package org.sipgateway.sip.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.auth.DigestChallenge;
import org.sipgateway.sip.stack.ClientTransactionHandler;
import org.sipgateway.sip.stack.SerialExecutor;
import org.sipgateway.sip.stack.SipContext;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one account registered (RFC 3261 section 10.2): answers digest challenges (MD5 or SHA-256,
 * RFC 7616), refreshes at half the granted lifetime, retries with exponential backoff forever after
 * errors and timeouts, notices a lost registrar by keepalive, and un-REGISTERs on stop.
 */
public final class RegistrationClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationClient.class);

    private final SipContext ctx;
    private final SipAccount account;
    private final RegistrationListener listener;
    private final SerialExecutor executor;
    private final RegisterRequests requests;
    private final int responseTimeoutSeconds;
    private volatile RegistrationState state = new RegistrationState(RegistrationState.Status.IDLE,
            "not started", null, null, 0, null);
    private DigestChallenge challenge;
    private int authTries;
    private int nonceCount;
    private int attempt;
    private boolean stopping;
    private ScheduledFuture<?> next;
    private ScheduledFuture<?> keepalive;
    private CountDownLatch unregistered;
    private String seenAs;

    public RegistrationClient(SipContext ctx, SipAccount account, RegistrationListener listener) {
        this.ctx = ctx;
        this.account = account;
        this.listener = listener;
        this.executor = new SerialExecutor(ctx.events(), "registration " + account.addressOfRecord());
        this.requests = new RegisterRequests(ctx, account);
        this.responseTimeoutSeconds = Math.max(2, Math.min(8, ctx.config().retryMinSeconds() * 2));
    }

    public SipAccount account() {
        return account;
    }

    /** The current state; safe to call from any thread. */
    public RegistrationState state() {
        return state;
    }

    public void start() {
        executor.execute(() -> {
            stopping = false;
            send(account.expiresSeconds());
            int every = ctx.config().keepaliveSeconds();
            if (every > 0) {
                keepalive = ctx.timers().scheduleWithFixedDelay(() -> executor.execute(this::keepalive),
                        every, every, TimeUnit.SECONDS);
            }
        });
    }

    /** Stops refreshing and removes the binding (Expires: 0), waiting at most {@code waitMs} for the answer. */
    public void stop(long waitMs) {
        CountDownLatch done = new CountDownLatch(1);
        executor.execute(() -> {
            stopping = true;
            cancel(next);
            cancel(keepalive);
            if (state.status() == RegistrationState.Status.REGISTERED) {
                unregistered = done;
                send(0);
            } else {
                done.countDown();
            }
        });
        try {
            if (!done.await(waitMs, TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: un-REGISTER not confirmed within {} ms", account, waitMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setState(RegistrationState.Status.IDLE, "stopped", null, null, 0);
    }

    private void send(int expires) {
        int id = ++attempt;
        try {
            Optional<String> auth = Optional.empty();
            if (challenge != null) {
                auth = Optional.of(challenge.authorize(account.username(), account.password(), Request.REGISTER,
                        requests.registrarUri(), ++nonceCount));
            }
            Request register = requests.register(expires, auth);
            ClientTransaction ct = ctx.provider().getNewClientTransaction(register);
            ct.setApplicationData(new Handler(id, expires));
            if (expires > 0 && state.status() != RegistrationState.Status.REGISTERED) {
                setState(RegistrationState.Status.REGISTERING, state.reason(), null, null, state.failures());
            }
            ct.sendRequest();
            ctx.timers().schedule(() -> executor.execute(() -> {
                if (attempt == id) {
                    terminate(ct);
                    failed("no response from registrar " + account.registrar() + " within "
                            + responseTimeoutSeconds + " s");
                }
            }), responseTimeoutSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            failed("cannot send REGISTER to " + account.registrar() + ": " + e.getMessage());
        }
    }

    private void handleResponse(int id, int expires, Response r) {
        int status = r.getStatusCode();
        if (id != attempt || status < 200) {
            return;
        }
        attempt++; // this attempt is answered: its timeout must not fire
        if (status < 300) {
            if (expires == 0) {
                LOG.info("{}: unregistered", account);
                if (unregistered != null) {
                    unregistered.countDown();
                }
                return;
            }
            authTries = 0;
            String seen = RegisterResponses.seenAs(r);
            if (seen != null && !seen.equals(seenAs)) {
                LOG.info("{}: registrar sees us as {}, not as we advertise (NAT? set sipgateway.sip.public-address)",
                        account, seen);
            }
            seenAs = seen;
            int granted = RegisterResponses.grantedExpires(r, account.username(), requests.contactPort(), expires);
            Instant now = Instant.now();
            long refreshIn = Math.max(1, granted / 2L);
            LOG.info("{}: registered for {} s", account, granted);
            setState(RegistrationState.Status.REGISTERED, status + " " + r.getReasonPhrase(),
                    now.plusSeconds(granted), now.plusSeconds(refreshIn), 0);
            schedule(refreshIn, () -> send(account.expiresSeconds()));
        } else if ((status == 401 || status == 407) && acceptChallenge(r)) {
            send(expires);
        } else if (status == 423) {
            // RFC 3261 section 10.2.8: ask again with at least Min-Expires
            int min = SipMessages.value(r, "Min-Expires").map(Integer::parseInt).orElse(expires * 2);
            send(Math.max(min, expires));
        } else {
            failed(status + " " + r.getReasonPhrase());
        }
    }

    private boolean acceptChallenge(Response r) {
        List<String> values = SipMessages.values(r, r.getStatusCode() == 407 ? "Proxy-Authenticate" : "WWW-Authenticate");
        Optional<DigestChallenge> c = DigestChallenge.choose(values);
        // two answered challenges in a row without success: the credentials are wrong (RFC 3261 section 22.2)
        if (c.isEmpty() || (authTries >= 2 && !c.get().stale())) {
            return false;
        }
        authTries++;
        challenge = c.get();
        nonceCount = 0;
        requests.proxyAuth(r.getStatusCode() == 407);
        return true;
    }

    private void failed(String reason) {
        if (stopping) {
            if (unregistered != null) {
                unregistered.countDown();
            }
            return;
        }
        attempt++;
        authTries = 0;
        int failures = state.failures() + 1;
        long delay = Math.min((long) ctx.config().retryMaxSeconds(),
                (long) ctx.config().retryMinSeconds() << Math.min(20, failures - 1));
        LOG.warn("{}: registration failed ({}), retry in {} s", account, reason, delay);
        setState(RegistrationState.Status.FAILING, reason, null, Instant.now().plusSeconds(delay), failures);
        schedule(delay, () -> send(account.expiresSeconds()));
    }

    private void keepalive() {
        if (stopping || state.status() != RegistrationState.Status.REGISTERED) {
            return;
        }
        try {
            ClientTransaction ct = ctx.provider().getNewClientTransaction(requests.options());
            int[] answered = {0};
            ct.setApplicationData(new ClientTransactionHandler() {
                @Override
                public void onResponse(ResponseEvent event) {
                    answered[0] = 1;
                }

                @Override
                public void onTimeout(String why) {
                }
            });
            ct.sendRequest();
            ctx.timers().schedule(() -> executor.execute(() -> {
                if (answered[0] == 0 && !stopping && state.status() == RegistrationState.Status.REGISTERED) {
                    terminate(ct);
                    failed("registrar " + account.registrar() + " not answering keepalive OPTIONS");
                }
            }), responseTimeoutSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            failed("keepalive to " + account.registrar() + " failed: " + e.getMessage());
        }
    }

    private void schedule(long seconds, Runnable task) {
        cancel(next);
        next = ctx.timers().schedule(() -> executor.execute(() -> {
            if (!stopping) {
                task.run();
            }
        }), seconds, TimeUnit.SECONDS);
    }

    private void setState(RegistrationState.Status s, String reason, Instant expiresAt, Instant nextAttempt,
                          int failures) {
        RegistrationState st = new RegistrationState(s, reason, expiresAt, nextAttempt, failures, seenAs);
        state = st;
        if (listener != null) {
            try {
                listener.onStateChanged(this, st);
            } catch (RuntimeException e) {
                LOG.warn("{}: registration listener failed: {}", account, e.toString());
            }
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static void terminate(ClientTransaction ct) {
        try {
            ct.terminate();
        } catch (Exception ignored) {
            // already gone: nothing to release
        }
    }

    private final class Handler implements ClientTransactionHandler {
        private final int id;
        private final int expires;

        Handler(int id, int expires) {
            this.id = id;
            this.expires = expires;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            Response r = event.getResponse();
            executor.execute(() -> handleResponse(id, expires, r));
        }

        @Override
        public void onTimeout(String why) {
            executor.execute(() -> {
                if (id == attempt) {
                    failed("REGISTER to " + account.registrar() + " timed out: " + why);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "RegistrationClient[" + account + " " + state.status() + "]";
    }
}
