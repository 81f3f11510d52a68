package org.sipgateway.sip.registration;

import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;

/** What a REGISTER's 2xx tells: the granted lifetime and where the registrar saw us. */
final class RegisterResponses {

    private RegisterResponses() {
    }

    /** Our Contact's expires param, else Expires, else what we asked (RFC 3261 section 10.2.4). */
    static int grantedExpires(Response r, String user, int contactPort, int asked) {
        var it = r.getHeaders(ContactHeader.NAME);
        int best = -1;
        while (it != null && it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress().getURI() instanceof SipURI u && user.equals(u.getUser())
                    && c.getExpires() > 0 && u.getPort() == contactPort) {
                best = best < 0 ? c.getExpires() : Math.min(best, c.getExpires());
            }
        }
        if (best > 0) {
            return best;
        }
        ExpiresHeader e = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
        return e != null && e.getExpires() > 0 ? e.getExpires() : asked;
    }

    /** {@code host:port} from received/rport of our Via (RFC 3581 section 4) when it differs from sent-by; else null. */
    static String seenAs(Response r) {
        ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
        if (via == null) {
            return null;
        }
        String host = via.getReceived() != null ? via.getReceived() : via.getHost();
        int port = via.getRPort() > 0 ? via.getRPort() : via.getPort();
        String seen = host + ":" + port;
        return seen.equals(via.getHost() + ":" + via.getPort()) ? null : seen;
    }
}
