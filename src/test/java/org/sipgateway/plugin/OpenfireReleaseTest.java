package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenfireReleaseTest {
    @Test
    void releasesWithTheAdminConsoleBypassAreTheOnesBefore4_6_8AndFrom4_7_0To4_7_4() {
        for (OpenfireRelease bypassable : new OpenfireRelease[] {new OpenfireRelease(4, 2, 0),
                new OpenfireRelease(4, 6, 7), new OpenfireRelease(4, 7, 0), new OpenfireRelease(4, 7, 4)}) {
            assertTrue(bypassable.adminConsoleBypassable(), bypassable.toString());
            assertTrue(bypassable.warning().orElseThrow().contains("CVE-2023-32315")
                    && bypassable.warning().orElseThrow().contains(bypassable.toString()), bypassable.warning().get());
        }
        for (OpenfireRelease fixed : new OpenfireRelease[] {new OpenfireRelease(4, 6, 8), new OpenfireRelease(4, 7, 5),
                new OpenfireRelease(4, 8, 0), new OpenfireRelease(4, 9, 2), new OpenfireRelease(5, 0, 0)}) {
            assertFalse(fixed.adminConsoleBypassable(), fixed.toString());
            assertTrue(fixed.warning().isEmpty(), fixed.toString());
        }
    }
}
