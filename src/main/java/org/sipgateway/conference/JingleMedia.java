package org.sipgateway.conference;

import java.util.List;

/**
 * The media a participant's Jingle session drives. The gateway implements it (with media/'s MediaSession);
 * tests implement it with fakes. Methods are called on the participant's serial executor, never concurrently;
 * they should not block for long (ICE gathering is fine, connectivity checks are not).
 */
public interface JingleMedia {

    /** What media reports back, from any thread. */
    interface Events {
        /** ICE, DTLS and SRTP toward the bridge are up (again, after a transport replace). */
        void connected();

        /** The bridge transport failed; {@code reason} names the stage. */
        void failed(String reason);
    }

    /**
     * Prepares our side for the offer (ICE agent, DTLS client: we answer {@code setup="active"}) and starts
     * connectivity checks. Returns our transport for the session-accept.
     *
     * @throws MediaUnavailableException when no media can be set up (no port, bad fingerprint); the text goes to the focus
     */
    JingleTransport accept(MediaOffer offer, Events events) throws MediaUnavailableException;

    /** Jingle source-add: these speakers now send to us. */
    void sourcesAdded(List<RemoteSource> sources);

    /** Jingle source-remove: these speakers are gone. */
    void sourcesRemoved(List<RemoteSource> sources);

    /** Jingle transport-replace (bridge migration): a new transport toward the new bridge; returns ours. */
    JingleTransport replaceTransport(JingleTransport bridge) throws MediaUnavailableException;

    /** Jingle transport-info: more remote candidates (trickle, XEP-0176 section 2). */
    void remoteCandidates(List<JingleCandidate> candidates);

    /** Moderator mute: stop (or resume) sending the caller's voice. */
    void setMuted(boolean muted);

    /** Session over: free every socket, thread and codec. Idempotent. */
    void close();

    /** The reason media could not serve an offer, with text for the focus and the log. */
    final class MediaUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public MediaUnavailableException(String message) {
            super(message);
        }

        public MediaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
