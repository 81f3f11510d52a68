/** A real Debian prosody for tests: config written under target/, run as user prosody on free loopback ports. */
package org.sipgateway.testkit.prosody;
