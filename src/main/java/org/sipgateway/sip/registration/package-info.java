/**
 * REGISTER client per account (RFC 3261 section 10): digest auth, refresh before expiry, backoff retry
 * forever, keepalive toward the registrar, un-REGISTER on stop; state queryable for the admin page.
 * Imports javax.sip, sip.auth, sip.stack and slf4j.
 */
package org.sipgateway.sip.registration;
