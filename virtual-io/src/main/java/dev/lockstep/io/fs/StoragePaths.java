package dev.lockstep.io.fs;

/** The rules for a path of {@link FileSystem} (relative, '/'-separated, no '.' or '..'). */
public final class StoragePaths {
    private StoragePaths() {}

    /**
     * {@code path} itself, if it is a valid path.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String check(String path) {
        if (path == null) {
            throw new IllegalArgumentException("path is null");
        }
        if (path.isEmpty()) {
            return path;
        }
        if (path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must be relative and not end with '/'"
                    + " (paths are relative to the disk's root, e.g. \"wal/000001.log\")");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path '" + path + "' has an empty, '.' or '..' segment");
            }
            if (segment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("path '" + path.replace('\0', '?') + "' has a NUL character");
            }
        }
        return path;
    }

    /** The folder holding {@code path}: {@code ""} for a path at the root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last segment of {@code path}. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
