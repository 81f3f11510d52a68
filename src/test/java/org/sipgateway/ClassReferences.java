package org.sipgateway;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the product's code refers to, for {@link LayeringTest}: the classes named in each compiled class's constant
 * pool (class entries, field and method descriptors, generic signatures, annotation types; not string literals),
 * and the {@code import} lines of each source file (which also catch constants the compiler inlined).
 */
final class ClassReferences {
    /** One edge: {@code from} (a top-level class of ours) refers to {@code to} (a class, or a package's {@code *}). */
    record Dependency(String from, String to, String where) {
    }

    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+)[;<]");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

    private ClassReferences() {
    }

    /** Every dependency of every class under {@code classesDir} (e.g. target/classes). */
    static List<Dependency> ofClassFiles(Path classesDir) {
        final List<Dependency> deps = new ArrayList<>();
        for (Path file : filesEndingWith(classesDir, ".class")) {
            final String name = classesDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            if (name.equals("module-info.class")) {
                continue;
            }
            final String from = topLevel(name.substring(0, name.length() - ".class".length()));
            final String where = "class file " + classesDir.relativize(file);
            try {
                for (String to : referencedClasses(Files.readAllBytes(file))) {
                    if (!topLevel(to).equals(from)) {
                        deps.add(new Dependency(from, topLevel(to), where));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return deps;
    }

    /** Every {@code import} of every Java file under {@code sourceDir} (e.g. src/main/java). */
    static List<Dependency> ofSourceImports(Path sourceDir) {
        final List<Dependency> deps = new ArrayList<>();
        for (Path file : filesEndingWith(sourceDir, ".java")) {
            final String rel = sourceDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            final String from = rel.substring(0, rel.length() - ".java".length());
            try {
                final List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    final Matcher m = IMPORT.matcher(lines.get(i));
                    if (m.find()) {
                        deps.add(new Dependency(from, m.group(1), "import in " + sourceDir.relativize(file) + ":" + (i + 1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return deps;
    }

    /** The binary names (dotted) of the classes one class file refers to, itself included. */
    static Set<String> referencedClasses(byte[] classFile) throws IOException {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file (no CAFEBABE)");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        final int count = in.readUnsignedShort();
        final String[] utf8 = new String[count];
        final boolean[] literal = new boolean[count];
        final List<Integer> classNames = new ArrayList<>();
        // JVMS 4.4: the entry sizes by tag; long and double take two slots
        for (int i = 1; i < count; i++) {
            final int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames.add(in.readUnsignedShort());
                case 8 -> literal[in.readUnsignedShort()] = true;
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                case 15 -> in.skipNBytes(3);
                case 16, 19, 20 -> in.skipNBytes(2);
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        final Set<String> names = new TreeSet<>();
        for (int index : classNames) {
            final String name = utf8[index];
            if (!name.startsWith("[")) {
                names.add(name.replace('/', '.'));
            }
        }
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literal[i]) {
                final Matcher m = DESCRIPTOR_CLASS.matcher(utf8[i]);
                while (m.find()) {
                    names.add(m.group(1).replace('/', '.'));
                }
            }
        }
        return names;
    }

    private static String topLevel(String binaryName) {
        final int nested = binaryName.indexOf('$');
        return nested < 0 ? binaryName : binaryName.substring(0, nested);
    }

    private static List<Path> filesEndingWith(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
