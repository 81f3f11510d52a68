/**
 * Glue around jain-sip shared by calls and registrations: the per-service {@link
 * org.sipgateway.sip.stack.SipContext} (provider, factories, timers, event executors), request/header
 * helpers and the slf4j adapters for jain-sip's loggers. Imports javax.sip, gov.nist and slf4j only.
 */
package org.sipgateway.sip.stack;
