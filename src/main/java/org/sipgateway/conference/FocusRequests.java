package org.sipgateway.conference;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jitsi.xmpp.extensions.jingle.JingleIQProvider;
import org.jitsi.xmpp.extensions.jitsimeet.MuteIq;
import org.jitsi.xmpp.extensions.jitsimeet.MuteIqProvider;
import org.jitsi.xmpp.extensions.rayo.HangUp;
import org.jitsi.xmpp.extensions.rayo.RayoIqProvider;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.provider.ProviderManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the focus's requests on a participant's connection (Jingle, Jitsi's audio mute IQ, and the Rayo hangup
 * Meet sends to a call it dialled out) and answers each
 * one from the participant's serial executor, so requests are handled one at a time and in order. Requests Smack has
 * no handler for get Smack's own error answer (RFC 6120 section 8.4).
 */
final class FocusRequests {
    static final String MUTE_NS = MuteIq.NAMESPACE;
    private static final Logger LOG = LoggerFactory.getLogger(FocusRequests.class);

    static {
        SmackRuntime.configure(); // before the first provider initialises Smack
        // Smack's provider registry is JVM-wide; registering the same providers again is harmless
        ProviderManager.addIQProvider(JingleIQ.ELEMENT, JingleIQ.NAMESPACE, new JingleIQProvider());
        ProviderManager.addIQProvider(MuteIq.ELEMENT, MuteIq.NAMESPACE, new MuteIqProvider());
        new RayoIqProvider().registerRayoIQs(); // dial, ref and hangup (urn:xmpp:rayo:1)
        // what we are asked for is read tolerantly: a malformed request gets bad-request instead of no answer
        TolerantIqProvider.wrapRegistered(JingleIQ.ELEMENT, JingleIQ.NAMESPACE);
        TolerantIqProvider.wrapRegistered(MuteIq.ELEMENT, MuteIq.NAMESPACE);
        TolerantIqProvider.wrapRegistered(HangUp.ELEMENT, HangUp.NAMESPACE);
        TolerantIqProvider.wrapRegistered(org.jitsi.xmpp.extensions.rayo.DialIq.ELEMENT,
                org.jitsi.xmpp.extensions.rayo.DialIq.NAMESPACE); // forwarded to us in the brewery
    }

    private FocusRequests() {
    }

    /** Makes sure the providers are registered before the first connection reads a stanza. */
    static void registerProviders() {
        // the static initializer does the work
    }

    /**
     * @param refused told (on a Smack thread) when the focus answers one of our follow-ups (session-accept,
     *                transport-accept) with an error or not at all, with a text naming it
     */
    static void install(XMPPConnection connection, Executor executor, Function<JingleIQ, JingleReply> jingle,
            Function<MuteIq, IQ> mute, Function<IQ, IQ> hangup, java.util.function.Consumer<String> refused) {
        connection.registerIQRequestHandler(handler(connection, executor, refused, JingleIQ.ELEMENT, JingleIQ.NAMESPACE, iq -> {
            if (iq instanceof JingleIQ j) {
                return jingle.apply(j);
            }
            return JingleReply.error(iq, StanzaError.Condition.bad_request, "malformed Jingle request");
        }));
        connection.registerIQRequestHandler(handler(connection, executor, refused, MuteIq.ELEMENT, MuteIq.NAMESPACE, iq -> {
            if (iq instanceof MuteIq m) {
                return new JingleReply(mute.apply(m), java.util.List.of());
            }
            return JingleReply.error(iq, StanzaError.Condition.bad_request, "malformed mute request");
        }));
        connection.registerIQRequestHandler(handler(connection, executor, refused, HangUp.ELEMENT, HangUp.NAMESPACE,
                iq -> new JingleReply(hangup.apply(iq), java.util.List.of())));
    }

    static void uninstall(XMPPConnection connection) {
        connection.unregisterIQRequestHandler(JingleIQ.ELEMENT, JingleIQ.NAMESPACE, IQ.Type.set);
        connection.unregisterIQRequestHandler(MuteIq.ELEMENT, MuteIq.NAMESPACE, IQ.Type.set);
        connection.unregisterIQRequestHandler(HangUp.ELEMENT, HangUp.NAMESPACE, IQ.Type.set);
    }

    private static IQRequestHandler handler(XMPPConnection connection, Executor executor,
            java.util.function.Consumer<String> refused, String element, String namespace, Function<IQ, JingleReply> work) {
        return new AbstractIqRequestHandler(element, namespace, IQ.Type.set, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                try {
                    executor.execute(() -> answer(connection, request, work, refused));
                    return null; // answered from the executor
                } catch (RejectedExecutionException closing) {
                    return StanzaErrors.reply(request, StanzaError.Condition.service_unavailable,
                            "this participant is leaving the conference");
                }
            }
        };
    }

    /** An error answer as condition and text (the text may carry any xml:lang, RFC 6120 section 8.3.2). */
    static String describe(Exception e) {
        if (e instanceof org.jivesoftware.smack.XMPPException.XMPPErrorException x) {
            final StanzaError error = x.getStanzaError();
            String text = error.getDescriptiveText();
            if (text == null) {
                text = error.getDescriptiveText("en"); // the JVM's default language may differ from the sender's
            }
            return error.getCondition() + (text == null ? "" : " (" + text + ")");
        }
        return XmppLogin.rootMessage(e);
    }

    private static void answer(XMPPConnection connection, IQ request, Function<IQ, JingleReply> work,
            java.util.function.Consumer<String> refused) {
        JingleReply reply;
        try {
            if (request instanceof TolerantIqProvider.Unreadable unreadable) {
                LOG.warn("Malformed <{}> request from {}: {}", request.getChildElementName(), request.getFrom(),
                        unreadable.why());
                reply = JingleReply.error(request, StanzaError.Condition.bad_request, "malformed <"
                        + request.getChildElementName() + "> request: " + unreadable.why());
            } else {
                reply = work.apply(request);
            }
        } catch (RuntimeException e) {
            LOG.warn("Handling {} from {} failed: {}", request.getChildElementName(), request.getFrom(), e.toString(), e);
            reply = JingleReply.error(request, StanzaError.Condition.internal_server_error,
                    "the gateway failed on this request: " + e.getMessage());
        }
        try {
            connection.sendStanza(reply.response());
            for (IQ followUp : reply.followUps()) {
                final String what = followUp instanceof JingleIQ j ? j.getAction().toString() : followUp.getChildElementName();
                connection.sendIqRequestAsync(followUp).onError(e -> {
                    LOG.warn("{} to {} was refused: {}", what, followUp.getTo(), e.getMessage());
                    refused.accept("the focus refused our " + what + ": " + describe(e));
                });
            }
        } catch (SmackException.NotConnectedException | InterruptedException e) {
            LOG.info("Answer to {} from {} not sent: {}", request.getChildElementName(), request.getFrom(), e.toString());
        }
    }
}
