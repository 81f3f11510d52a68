package org.sipgateway.conference;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smack 4.4 keeps one process-wide reactor with two daemon threads that never stop by themselves. In a
 * plugin they would outlive an unload and keep its class loader alive, one pair per reload, so the plugin
 * stops them on unload. Smack offers no public way to do it: this asks each reactor thread to shut down
 * as Smack itself does when it shrinks the pool, and wakes the selector until they are gone (bounded).
 */
public final class SmackRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SmackRuntime.class);
    private static final int WAKEUPS = 100;
    /**
     * Smack managers every connection would otherwise get: file transfer, ad-hoc commands, bookmarks, privacy lists,
     * private storage, vCards, receipts, last activity. A gateway participant uses none of them, and each costs memory
     * per call (kept until Smack's weak maps are next touched) and some answer requests nobody should send us.
     */
    private static final String[] UNUSED = {"org.jivesoftware.smackx.bytestreams", "org.jivesoftware.smackx.commands",
        "org.jivesoftware.smackx.bookmarks", "org.jivesoftware.smackx.muc.bookmarkautojoin",
        "org.jivesoftware.smackx.privacy", "org.jivesoftware.smackx.iqprivate", "org.jivesoftware.smackx.vcardtemp",
        "org.jivesoftware.smackx.receipts", "org.jivesoftware.smackx.iqlast"};
    private static boolean configured;

    private SmackRuntime() {
    }

    /**
     * Sets Smack up for gateway connections; must run before Smack initialises (its first provider or connection),
     * which reads the disabled classes once. Idempotent.
     */
    static synchronized void configure() {
        if (configured) {
            return;
        }
        for (String unused : UNUSED) {
            org.jivesoftware.smack.SmackConfiguration.addDisabledSmackClass(unused);
        }
        // no roster request after each login: a participant has no contacts (RFC 6121 section 2.2 is optional)
        org.jivesoftware.smack.roster.Roster.setRosterLoadedAtLoginDefault(false);
        // Smack remembers the capabilities of 10,000 JIDs process-wide; the gateway sees new occupant JIDs with every
        // call and never asks anyone's capabilities, so a few hundred bound that memory without losing anything
        org.jivesoftware.smackx.caps.EntityCapsManager.setMaxsCacheSizes(500, 100);
        configured = true;
    }

    /** Stops Smack's reactor threads if they were started; logs and gives up after about two seconds. */
    public static void shutdown() {
        try {
            final Class<?> reactorClass = Class.forName("org.jivesoftware.smack.SmackReactor");
            final Object reactor = field(reactorClass, "INSTANCE").get(null);
            if (reactor == null) {
                return; // never used: no threads
            }
            final Selector selector = (Selector) field(reactorClass, "selector").get(reactor);
            @SuppressWarnings("unchecked")
            final List<Thread> threads = new ArrayList<>((List<Thread>) field(reactorClass, "reactorThreads").get(reactor));
            for (Thread thread : threads) {
                final Method request = thread.getClass().getDeclaredMethod("requestShutdown");
                request.setAccessible(true);
                request.invoke(thread);
            }
            for (int i = 0; i < WAKEUPS && threads.stream().anyMatch(Thread::isAlive); i++) {
                selector.wakeup(); // each thread leaves its loop on the next wake-up
                Thread.sleep(20);
            }
            if (threads.stream().anyMatch(Thread::isAlive)) {
                LOG.warn("Smack's reactor threads did not stop: {}", threads);
                return;
            }
            selector.close();
            field(reactorClass, "INSTANCE").set(null, null);
            LOG.debug("Stopped Smack's reactor threads");
        } catch (ClassNotFoundException e) {
            // Smack was never loaded
        } catch (ReflectiveOperationException | RuntimeException | java.io.IOException e) {
            LOG.warn("Could not stop Smack's reactor threads: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        final Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
