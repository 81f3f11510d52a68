package org.sipgateway.sip.sdp;

import java.util.List;
import java.util.stream.Collectors;

/** Chooses the codec, DTMF payload type, ptime and direction for one offer/answer exchange (RFC 3264). */
public final class SdpNegotiator {

    private static final int DEFAULT_PTIME = 20;

    private final List<AudioCodec> preference;

    /** @param preference codecs we accept, most wanted first */
    public SdpNegotiator(List<AudioCodec> preference) {
        if (preference.isEmpty()) {
            throw new IllegalArgumentException("codec preference list is empty");
        }
        this.preference = List.copyOf(preference);
    }

    public List<AudioCodec> preference() {
        return preference;
    }

    /** We answer a peer's offer: our preferred codec among those offered (RFC 3264 section 6.1). */
    public NegotiatedMedia answerOffer(SessionDescription offer) throws NoCommonCodecException {
        MediaSection audio = requireAudio(offer);
        for (AudioCodec wanted : preference) {
            for (int pt : audio.formats()) {
                RtpMap map = audio.rtpMap(pt).orElse(null);
                if (map != null && wanted.matches(map.encoding(), map.clockRate())) {
                    return result(offer, audio, wanted, pt, offer.directionFor(audio).answerTo());
                }
            }
        }
        throw new NoCommonCodecException("no common codec: offered " + describe(audio)
                + ", accepted " + preference.stream().map(AudioCodec::name).collect(Collectors.joining(",")));
    }

    /** The peer answered our offer: the first answered codec we know wins (RFC 3264 section 7). */
    public NegotiatedMedia acceptAnswer(SessionDescription answer) throws NoCommonCodecException {
        MediaSection audio = requireAudio(answer);
        for (int pt : audio.formats()) {
            RtpMap map = audio.rtpMap(pt).orElse(null);
            if (map == null) {
                continue;
            }
            for (AudioCodec known : preference) {
                if (known.matches(map.encoding(), map.clockRate())) {
                    return result(answer, audio, known, pt, answer.directionFor(audio).answerTo());
                }
            }
        }
        throw new NoCommonCodecException("answer has no codec we offered: " + describe(audio));
    }

    private static MediaSection requireAudio(SessionDescription sdp) throws NoCommonCodecException {
        return sdp.audio().orElseThrow(() -> new NoCommonCodecException("SDP has no audio stream with a port"));
    }

    private static NegotiatedMedia result(SessionDescription sdp, MediaSection audio, AudioCodec codec, int pt,
                                          MediaDirection ours) {
        String address = sdp.connectionFor(audio);
        // c=0.0.0.0 is the RFC 2543 hold: never send to it (RFC 3264 section 8.4)
        if (NegotiatedMedia.HOLD_ADDRESS.equals(address)) {
            ours = ours.receives() ? MediaDirection.RECVONLY : MediaDirection.INACTIVE;
        }
        int ptime = audio.ptime() > 0 ? audio.ptime() : DEFAULT_PTIME;
        int eventPt = telephoneEvent(audio, codec);
        int eventClock = eventPt < 0 ? 0 : audio.rtpMaps().get(eventPt).clockRate();
        return new NegotiatedMedia(codec, pt, eventPt, eventClock, ptime, address, audio.port(), ours);
    }

    // RFC 4733 section 7.1.1: the event clock should match the audio codec's; fall back to 8000.
    private static int telephoneEvent(MediaSection audio, AudioCodec codec) {
        int fallback = -1;
        for (int pt : audio.formats()) {
            RtpMap map = audio.rtpMaps().get(pt);
            if (map != null && map.isTelephoneEvent()) {
                if (map.clockRate() == codec.rtpClockRate()) {
                    return pt;
                }
                if (fallback < 0 || map.clockRate() == 8000) {
                    fallback = pt;
                }
            }
        }
        return fallback;
    }

    private static String describe(MediaSection audio) {
        return audio.formats().stream()
                .map(pt -> audio.rtpMap(pt).map(m -> m.encoding() + "/" + m.clockRate()).orElse(String.valueOf(pt)))
                .collect(Collectors.joining(","));
    }
}
