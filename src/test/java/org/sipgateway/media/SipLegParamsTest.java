package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipgateway.media.codec.AudioCodec;

class SipLegParamsTest {
    @Test
    void telephoneEventsDefaultToTheCodecsRtpClock() {
        assertEquals(8000, SipLegParams.of(AudioCodec.G722, 101, null).telephoneEventClockRate());
        assertEquals(48000, new SipLegParams(AudioCodec.OPUS, 111, 102, 20, null).telephoneEventClockRate());
        assertEquals(8000, new SipLegParams(AudioCodec.OPUS, 111, 101, 8000, 20, null).telephoneEventClockRate(),
            "a peer with telephone-event/8000 only, next to Opus");
    }

    @Test
    void unsupportedValuesNameTheInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SipLegParams(AudioCodec.OPUS, 111, 101, 40, null))
            .getMessage().contains("ptime 40 ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SipLegParams(AudioCodec.PCMU, 0, 101, 0, 20, null))
            .getMessage().contains("telephone-event clock rate"));
        assertEquals(0, new SipLegParams(AudioCodec.PCMU, 0, -1, 0, 20, null).telephoneEventClockRate(), "no events: no clock");
    }
}
