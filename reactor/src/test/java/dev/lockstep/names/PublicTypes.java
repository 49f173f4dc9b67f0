package dev.lockstep.names;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the public top-level types of a package, or of a whole code source, from the class files
 * themselves: a jar or a classes folder on the class path, or the JDK's {@code jrt:} image. Only
 * top-level types matter, since only they come in with a star import.
 */
final class PublicTypes {
    private PublicTypes() {}

    /** Simple name to fully qualified names of the public top-level types in {@code pkg} of {@code anchor}'s code source. */
    static Set<String> inPackageOf(String anchorClass) {
        Class<?> anchor = load(anchorClass);
        String pkg = anchor.getPackageName();
        Set<String> names = new TreeSet<>();
        for (String className : classFiles(anchor)) {
            int dot = className.lastIndexOf('.');
            if (dot > 0 && className.substring(0, dot).equals(pkg) && isPublicTopLevel(className)) {
                names.add(className.substring(dot + 1));
            }
        }
        return names;
    }

    /** Public top-level types under {@code prefix} in the code source of each anchor, by simple name. */
    static Map<String, Set<String>> underPrefix(String prefix, Set<String> excludedSegments, String... anchorClasses) {
        Map<String, Set<String>> byName = new TreeMap<>();
        for (String a : anchorClasses) {
            for (String className : classFiles(load(a))) {
                if (!className.startsWith(prefix) || excluded(className, excludedSegments)
                        || !isPublicTopLevel(className)) {
                    continue;
                }
                String simple = className.substring(className.lastIndexOf('.') + 1);
                byName.computeIfAbsent(simple, k -> new TreeSet<>()).add(className);
            }
        }
        return byName;
    }

    private static boolean excluded(String className, Set<String> segments) {
        for (String segment : className.split("\\.")) {
            if (segments.contains(segment)) {
                return true;
            }
        }
        return false;
    }

    // Read from the class file's access flags rather than by loading the class: a library's class
    // may need an optional dependency that is not here.
    private static boolean isPublicTopLevel(String className) {
        if (className.contains("$") || className.endsWith("package-info") || className.endsWith("module-info")) {
            return false;
        }
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = PublicTypes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file " + resource + " on the class path");
            }
            return (accessFlags(new DataInputStream(in)) & 0x0001) != 0;   // ACC_PUBLIC
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** The access flags of a class file: after the magic, the versions and the constant pool. */
    private static int accessFlags(DataInputStream in) throws IOException {
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> in.skipNBytes(in.readUnsignedShort());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return in.readUnsignedShort();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicTypes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name + ": " + e, e);
        }
    }

    /** Every class in the code source of {@code anchor} (the JDK image for JDK classes). */
    private static Set<String> classFiles(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        Set<String> out = new TreeSet<>();
        try {
            if (source == null) {
                FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
                Path pkgDir = jrt.getPath("/packages", anchor.getPackageName());
                try (Stream<Path> modules = Files.list(pkgDir)) {
                    for (Path module : (Iterable<Path>) modules::iterator) {
                        Path root = module.toRealPath();
                        collect(root, root.resolve(anchor.getPackageName().replace('.', '/')), out);
                    }
                }
                return out;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                collect(location, location, out);
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && n.contains("/"))
                            .forEach(n -> out.add(n.substring(0, n.length() - 6).replace('/', '.')));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Path root, Path start, Set<String> out) throws IOException {
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String rel = root.relativize(f).toString().replace('\\', '/');
                out.add(rel.substring(0, rel.length() - 6).replace('/', '.'));
            });
        }
    }
}
