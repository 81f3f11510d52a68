package org.sipgateway.sip;

/**
 * One account at a SIP registrar/provider: used to REGISTER and to authenticate outbound calls.
 *
 * @param username       user part of the address of record and digest user name
 * @param password       digest password
 * @param registrar      registrar host[:port], e.g. {@code sip.example.com} or {@code 127.0.0.1:5080}
 * @param domain         domain of the address of record; null means the registrar's host[:port]
 * @param transport      transport toward the registrar
 * @param expiresSeconds registration lifetime we ask for (RFC 3261 section 10.2.1.1)
 * @param register       whether to REGISTER at all (false: account only authenticates outbound calls)
 */
public record SipAccount(String username, String password, String registrar, String domain,
                         Transport transport, int expiresSeconds, boolean register) {

    public SipAccount {
        require(username, "username");
        require(registrar, "registrar");
        if (password == null) {
            password = "";
        }
        if (transport == null) {
            transport = Transport.UDP;
        }
        if (expiresSeconds < 30) {
            throw new IllegalArgumentException("sipgateway.sip.account.expires must be >= 30 s, was " + expiresSeconds);
        }
    }

    /** An account that registers over UDP for 600 s, AOR domain = registrar. */
    public static SipAccount of(String username, String password, String registrar) {
        return new SipAccount(username, password, registrar, null, Transport.UDP, 600, true);
    }

    public SipAccount withTransport(Transport t) {
        return new SipAccount(username, password, registrar, domain, t, expiresSeconds, register);
    }

    public SipAccount withExpires(int seconds) {
        return new SipAccount(username, password, registrar, domain, transport, seconds, register);
    }

    /** The domain of the address of record. */
    public String aorDomain() {
        return domain != null && !domain.isBlank() ? domain : registrar;
    }

    /** {@code sip:user@domain} (or sips: over TLS, RFC 3261 section 19.1). */
    public String addressOfRecord() {
        return (transport == Transport.TLS ? "sips:" : "sip:") + username + "@" + aorDomain();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("sipgateway.sip.account." + name + " is empty");
        }
    }

    @Override
    public String toString() {
        return "SipAccount[" + username + "@" + registrar + " " + transport.token() + "]"; // never the password
    }
}
