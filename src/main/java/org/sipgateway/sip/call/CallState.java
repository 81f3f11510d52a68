package org.sipgateway.sip.call;

/** Life of one call as the gateway sees it. */
public enum CallState {
    /** INVITE sent or received, no provisional yet. */
    INITIAL,
    /** 180/183 exchanged (early dialog). */
    EARLY,
    /** 2xx exchanged: confirmed dialog. */
    ESTABLISHED,
    /** Over; see {@link CallEnd}. */
    ENDED
}
