package org.sipgateway.testkit.openfire;

import java.util.Arrays;
import java.util.List;

/** What the test Openfire said about its threads: how many, and which belong to the plugin. */
public record ThreadReport(int total, List<String> pluginThreads) {
    static ThreadReport parse(String event) {
        // "threads total=N plugin=M names=a|b"
        final String[] parts = event.split(" ", 4);
        final int total = Integer.parseInt(parts[1].substring("total=".length()));
        final String names = parts.length > 3 ? parts[3].substring("names=".length()) : "";
        return new ThreadReport(total, names.isEmpty() ? List.of() : Arrays.asList(names.split("\\|")));
    }
}
