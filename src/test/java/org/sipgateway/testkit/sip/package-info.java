/**
 * Test fixtures for real SIP peers: {@link org.sipgateway.testkit.sip.Kamailio} (registrar/proxy with digest
 * users), {@link org.sipgateway.testkit.sip.Baresip} (scripted softphone), {@link org.sipgateway.testkit.sip.Sipp}
 * (scenarios, load), each on free loopback ports in a per-test {@link org.sipgateway.testkit.sip.RunDir},
 * stopped by PID. Missing programs fail with the Debian package to install.
 */
package org.sipgateway.testkit.sip;
