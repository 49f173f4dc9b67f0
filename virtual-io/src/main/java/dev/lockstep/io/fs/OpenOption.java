package dev.lockstep.io.fs;

/**
 * How {@link Storage#open(String, OpenOption...)} opens a file. With no option a file is opened
 * to read and write and must exist.
 */
public enum OpenOption {
    /** Create the file if it does not exist. */
    CREATE,
    /** Create the file; fail with {@link StorageException} ({@code file exists}) if it exists. */
    CREATE_NEW,
    /** Cut the file to length 0 on open; with {@link #READ_ONLY}, the open fails ({@code READ_ONLY}). */
    TRUNCATE_EXISTING,
    /** Open for reading only: writes, appends and truncates fail. */
    READ_ONLY
}
