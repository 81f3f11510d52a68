/**
 * Digest authentication (RFC 2617, RFC 7616 MD5 and SHA-256) both as client (answering 401/407)
 * and as server (challenging inbound INVITEs), plus the inbound trust policy (CIDR list, failed-auth
 * rate limit). Imports only the JDK.
 */
package org.sipgateway.sip.auth;
