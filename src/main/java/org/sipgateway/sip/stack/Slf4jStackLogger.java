package org.sipgateway.sip.stack;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jain-sip's internal log to slf4j (jain-sip would otherwise need log4j 1.x). Its messages may quote whole
 * SIP messages, so credentials are masked ({@link SipLogMask}).
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.sipgateway.sip.jainsip");

    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int traceLevel) { }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { LOG.debug("jain-sip exception", SipLogMask.mask(ex)); }
    @Override public void logDebug(String message) { LOG.trace(SipLogMask.mask(message)); }
    @Override public void logDebug(String message, Exception ex) { LOG.trace(SipLogMask.mask(message), SipLogMask.mask(ex)); }
    @Override public void logTrace(String message) { LOG.trace(SipLogMask.mask(message)); }
    @Override public void logFatalError(String message) { LOG.error(SipLogMask.mask(message)); }
    @Override
    public void logError(String message) {
        if ("Interrupted!".equals(message)) {
            LOG.debug(message); // our own wake-up of the event thread at stop
        } else {
            LOG.warn(SipLogMask.mask(message));
        }
    }
    @Override public boolean isLoggingEnabled() { return LOG.isDebugEnabled(); }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_DEBUG) {
            return LOG.isTraceEnabled();
        }
        if (logLevel == TRACE_MESSAGES) {
            return LOG.isDebugEnabled() || LoggerFactory.getLogger("org.sipgateway.sip.wire").isTraceEnabled();
        }
        return logLevel >= TRACE_INFO ? LOG.isDebugEnabled() : LOG.isWarnEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        if (ex instanceof InterruptedException) {
            LOG.debug(message); // our own wake-up of the event thread at stop
        } else {
            LOG.warn(SipLogMask.mask(message), SipLogMask.mask(ex));
        }
    }
    @Override public void logWarning(String message) { LOG.debug(SipLogMask.mask(message)); }
    @Override public void logInfo(String message) { LOG.debug(SipLogMask.mask(message)); }
    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public String getLoggerName() { return LOG.getName(); }
}
