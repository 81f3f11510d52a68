package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** media/ knows no signalling: no SIP, XMPP or Openfire import; every package says what it is in package-info. */
class MediaLayeringTest {
    private static final Path MEDIA = Path.of("src/main/java/org/sipgateway/media");
    private static final Pattern FORBIDDEN = Pattern.compile(
        "^import (static )?(javax\\.sip|javax\\.sdp|gov\\.nist|org\\.jivesoftware|org\\.igniterealtime|org\\.jitsi\\.xmpp|org\\.xmpp|org\\.jxmpp)\\.",
        Pattern.MULTILINE);

    @Test
    void mediaImportsNoSignallingOrHostClasses() throws IOException {
        try (Stream<Path> files = Files.walk(MEDIA)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return FORBIDDEN.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void everyMediaPackageHasAPackageInfo() throws IOException {
        try (Stream<Path> dirs = Files.walk(MEDIA)) {
            for (Path dir : dirs.filter(Files::isDirectory).collect(Collectors.toList()))
                assertTrue(Files.exists(dir.resolve("package-info.java")), dir + " lacks package-info.java");
        }
    }
}
