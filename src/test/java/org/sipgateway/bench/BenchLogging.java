package org.sipgateway.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * java.util.logging for bench/media and bench/gateway (-Djava.util.logging.config.class): ice4j's, Smack's and the
 * other libraries' records go to the file named by -Dbench.log (the one log4j writes the gateway's own log to), and
 * only SEVERE ones also to the terminal, so the table is not buried under "Removing the active socket" warnings.
 */
public final class BenchLogging {
    public BenchLogging() throws IOException {
        String file = System.getProperty("bench.log", "target/bench-logs/bench.log");
        String config = String.join("\n",
            "handlers=java.util.logging.FileHandler, java.util.logging.ConsoleHandler",
            ".level=INFO",
            "java.util.logging.FileHandler.pattern=" + file.replace("%", "%%"),
            "java.util.logging.FileHandler.append=true",
            "java.util.logging.FileHandler.level=ALL",
            "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
            "java.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s [jul] %3$s - %5$s%6$s%n",
            "java.util.logging.ConsoleHandler.level=SEVERE", "");
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
    }
}
