package org.sipgateway.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.sipgateway.media.MediaEngine;

/** What every call shares: settings, the media engine, the registry, one timer and one event pool. */
record GatewayContext(GatewayConfig config, MediaEngine media, CallRegistry registry, CallStatistics statistics,
        CallLimits limits,
        ScheduledExecutorService timers, ExecutorService events) {
}
