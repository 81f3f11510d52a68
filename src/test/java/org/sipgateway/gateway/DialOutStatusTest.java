package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipgateway.sip.call.CallEnd;

class DialOutStatusTest {
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "486 | 486 Busy Here | busy",
        "600 | 600 Busy Everywhere | busy",
        "603 | 603 Decline | rejected",
        "480 | 480 Temporarily Unavailable | No answer",
        "404 | 404 Not Found | Number not found (404 Not Found)",
        "484 | 484 Address Incomplete | Number not found (484 Address Incomplete)",
        "503 | 503 Service Unavailable | Call failed (503 Service Unavailable)"})
    void aRejectionSaysWhatItMeansToWhoeverPressedCall(int status, String reason, String shown) {
        assertEquals(shown, DialOutStatus.failure(new CallEnd(CallEnd.Cause.REJECTED, status, reason)));
    }

    @Test
    void timeoutsAndTransportFailuresAreNoAnswerAndUnreachable() {
        assertEquals("No answer", DialOutStatus.failure(new CallEnd(CallEnd.Cause.NO_ANSWER, 408, "no answer within 60 s")));
        assertEquals("Unreachable (no response to INVITE from sip:x@198.51.100.7: timeout)", DialOutStatus.failure(
                new CallEnd(CallEnd.Cause.FAILED, 408, "no response to INVITE from sip:x@198.51.100.7: timeout")));
    }
}
