package org.sipgateway.testkit.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh directory under target/sip-runs for one test: configs, logs and recordings of its peers. */
public final class RunDir {

    private final Path path;

    private RunDir(Path path) {
        this.path = path;
    }

    public static RunDir create(String testName) {
        try {
            Path base = Path.of("target", "sip-runs").toAbsolutePath();
            Files.createDirectories(base);
            // short names: baresip truncates long config values (paths over ~120 characters)
            String name = testName.replaceAll("\\(.*", "").replaceAll("[^A-Za-z0-9_.-]", "_");
            return new RunDir(Files.createTempDirectory(base, name.substring(0, Math.min(32, name.length())) + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory for " + testName, e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Copies a class-path resource to the run dir, replacing each {@code @KEY@} by its value. */
    public Path template(String resource, String target, Map<String, String> values) {
        String text = resource(resource);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("@" + e.getKey() + "@", e.getValue());
        }
        return write(target, text);
    }

    public Path write(String target, String text) {
        try {
            Path p = path.resolve(target);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " in " + path, e);
        }
    }

    public String read(String name) {
        try {
            Path p = path.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String resource) {
        try (InputStream in = RunDir.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
