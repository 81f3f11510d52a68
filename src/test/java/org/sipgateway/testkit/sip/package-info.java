/**
 * Test fixtures for real SIP peers, reusable by every engineer's end-to-end tests:
 * {@link org.sipgateway.testkit.sip.Kamailio} (registrar/proxy, db_text digest users, UDP/TCP/TLS, SHA-256),
 * {@link org.sipgateway.testkit.sip.Baresip} (softphone scripted through ctrl_tcp, tone source, recordings),
 * {@link org.sipgateway.testkit.sip.Sipp} (scenarios from /sip-kit/sipp, load, message trace),
 * {@link org.sipgateway.testkit.sip.TestGateway} (a started SipService with a leak check on close),
 * {@link org.sipgateway.testkit.sip.CallEvents} (call events as strings), raw UDP probes
 * ({@link org.sipgateway.testkit.sip.SipProbe}), {@link org.sipgateway.testkit.sip.TlsFiles}, a stand-in media
 * endpoint {@link org.sipgateway.testkit.sip.RtpEcho} and tone checks {@link org.sipgateway.testkit.sip.AudioCheck}.
 * Each peer runs on free loopback ports in a per-test {@link org.sipgateway.testkit.sip.RunDir} under
 * target/sip-runs and is stopped by its own PID; a missing program fails with the Debian package to install.
 */
package org.sipgateway.testkit.sip;
