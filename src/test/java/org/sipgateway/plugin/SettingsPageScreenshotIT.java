package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;

/** A real browser (Debian chromium, headless) renders the settings page; the screenshot stays in target/ for review. */
class SettingsPageScreenshotIT {
    @Test
    void aBrowserRendersTheSettingsPage() throws Exception {
        final Path chromium = Path.of("/usr/bin/chromium");
        assertTrue(Files.isExecutable(chromium), "Debian's chromium is needed (scripts/test installs it)");
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("screenshot"))) {
            final Path shot = Path.of("target", "screenshots", "settings.png").toAbsolutePath();
            Files.createDirectories(shot.getParent());
            Files.deleteIfExists(shot);
            final Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile");
            final Process browser = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--window-size=1280,1800", "--screenshot=" + shot,
                    openfire.adminUrl("/plugins/sipgateway/settings")))
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "screenshots", "chromium.log").toFile())
                    .start();
            try {
                assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "chromium finishes within 90 s");
            } finally {
                browser.destroyForcibly();
            }
            assertEquals(0, browser.exitValue(), "chromium exit code; see target/screenshots/chromium.log");
            final BufferedImage image = ImageIO.read(shot.toFile());
            assertEquals(1280, image.getWidth());
            final Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 4) {
                for (int x = 0; x < image.getWidth(); x += 4) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 20, "the page rendered text and fields, not a blank or error page: "
                    + colours.size() + " colours");
        }
    }
}
