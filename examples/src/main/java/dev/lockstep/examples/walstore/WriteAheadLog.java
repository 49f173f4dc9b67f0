package dev.lockstep.examples.walstore;

import static dev.lockstep.async.Async.async;

import dev.lockstep.future.Future;
import dev.lockstep.io.fs.FileHandle;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The store's log: one record per write, {@code [int length][long crc32][key '=' value]}, appended
 * at the end of {@value #PATH}.
 *
 * <h2>Recovery</h2>
 * {@link #recover()} reads records from the start and stops at the first that is short or fails
 * its checksum (a write torn or lost by a crash), cutting the file there, so the next append starts
 * on a record boundary. What it returns is every key's last value.
 *
 * <h2>Durability</h2>
 * An append is durable once a {@link #sync()} after it completes.
 */
final class WriteAheadLog {
    static final String PATH = "kv.wal";

    private final FileHandle file;
    private long records;

    private WriteAheadLog(FileHandle file) {
        this.file = file;
    }

    /** Opens (creating) the log and makes its name durable. */
    static Future<WriteAheadLog> open() {
        return async(a -> {
            FileHandle f = a.await(Storage.open(PATH, OpenOption.CREATE));
            a.await(Storage.syncDirectory(""));
            return new WriteAheadLog(f);
        });
    }

    /** Reads every intact record; see the class comment. */
    Future<Map<String, String>> recover() {
        return async(a -> {
            long size = a.await(file.size());
            ByteBuffer all = ByteBuffer.allocate((int) size);
            while (all.hasRemaining() && a.await(file.read(all, all.position())) > 0) {
                // read to the end
            }
            all.flip();
            Map<String, String> data = new LinkedHashMap<>();
            long good = 0;
            while (all.remaining() >= 12) {
                int length = all.getInt();
                long crc = all.getLong();
                if (length < 1 || length > all.remaining()) {
                    break;
                }
                byte[] body = new byte[length];
                all.get(body);
                if (checksum(body) != crc) {
                    break;
                }
                String entry = new String(body, StandardCharsets.UTF_8);
                int eq = entry.indexOf('=');
                data.put(entry.substring(0, eq), entry.substring(eq + 1));
                records++;
                good = all.position();
            }
            if (good < size) {
                a.await(file.truncate(good));
                a.await(file.sync());
            }
            return data;
        });
    }

    /** Appends {@code key=value}: the record's number (1 for the first record of the log). */
    Future<Long> append(String key, String value) {
        byte[] body = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(12 + body.length).putInt(body.length).putLong(checksum(body)).put(body)
                .flip();
        return file.append(record).map(at -> ++records);
    }

    /** Makes every append so far durable. */
    Future<Void> sync() {
        return file.sync();
    }

    private static long checksum(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }
}
