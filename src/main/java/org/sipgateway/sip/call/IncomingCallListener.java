package org.sipgateway.sip.call;

/** Receives inbound INVITEs that passed the trust check and SDP negotiation. */
@FunctionalInterface
public interface IncomingCallListener {

    /**
     * Called on the call's own executor. The listener must eventually call ringing/progress/answer or
     * reject; a caller CANCEL ends the call with {@link CallEnd.Cause#CANCELLED}.
     */
    void onIncomingCall(IncomingCall call);
}
