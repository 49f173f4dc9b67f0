package dev.lockstep.io.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.async.AsyncScope;
import dev.lockstep.future.Future;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link Storage} and {@link FileHandle} that holds on every backend: the
 * simulated disk and the real file system each run it through a subclass (crashes excepted: only
 * the simulation has them), so code tested on the simulated disk behaves the same in production.
 */
public abstract class StorageBehaviourTestCase {

    /** Runs {@code scenario} on a fresh, empty file system and returns its value. */
    protected abstract <T> T run(Future<T> scenario);

    private <T> T body(Function<AsyncScope, T> body) {
        return run(Async.async(body::apply));
    }

    static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String readAll(AsyncScope a, FileHandle f) {
        long size = a.await(f.size());
        ByteBuffer dst = ByteBuffer.allocate((int) size);
        long at = 0;
        while (dst.hasRemaining()) {
            int n = a.await(f.read(dst, at));
            if (n < 0) {
                break;
            }
            at += n;
        }
        return new String(dst.array(), 0, dst.position(), StandardCharsets.UTF_8);
    }

    private StorageException.Kind failure(Function<AsyncScope, ?> body) {
        StorageException e = assertThrows(StorageException.class, () -> body(body::apply));
        return e.kind();
    }

    @Nested
    class ReadsAndWrites {
        @Test
        void whatIsWrittenIsReadBackAndSizeCountsIt() {
            String got = body(a -> {
                FileHandle f = a.await(Storage.open("data", OpenOption.CREATE));
                assertEquals(5, a.await(f.write(buf("hello"), 0)));
                assertEquals(6, a.await(f.write(buf(" world"), 5)));
                assertEquals(11L, a.await(f.size()));
                return readAll(a, f);
            });
            assertEquals("hello world", got);
        }

        @Test
        void aWritePastTheEndFillsTheGapWithZeros() {
            byte[] got = body(a -> {
                FileHandle f = a.await(Storage.open("data", OpenOption.CREATE));
                a.await(f.write(buf("x"), 4));
                ByteBuffer dst = ByteBuffer.allocate(8);
                int n = a.await(f.read(dst, 0));
                return Arrays.copyOf(dst.array(), n);
            });
            assertArrayEquals(new byte[] {0, 0, 0, 0, 'x'}, got);
        }

        @Test
        void appendWritesAtTheEndAndSaysWhere() {
            List<Long> at = body(a -> {
                FileHandle f = a.await(Storage.open("log", OpenOption.CREATE));
                long first = a.await(f.append(buf("abc")));
                long second = a.await(f.append(buf("de")));
                return List.of(first, second, a.await(f.size()));
            });
            assertEquals(List.of(0L, 3L, 5L), at);
        }

        @Test
        void aReadAtOrPastTheEndIsMinusOne() {
            int n = body(a -> {
                FileHandle f = a.await(Storage.open("data", OpenOption.CREATE));
                a.await(f.write(buf("ab"), 0));
                return a.await(f.read(ByteBuffer.allocate(4), 2));
            });
            assertEquals(-1, n);
        }

        @Test
        void truncateCutsAndNeverGrows() {
            String got = body(a -> {
                FileHandle f = a.await(Storage.open("data", OpenOption.CREATE));
                a.await(f.write(buf("abcdef"), 0));
                a.await(f.truncate(3));
                a.await(f.truncate(10));
                return readAll(a, f) + "|" + a.await(f.size());
            });
            assertEquals("abc|3", got);
        }

        @Test
        void syncKeepsEverythingReadable() {
            String got = body(a -> {
                FileHandle f = a.await(Storage.open("data", OpenOption.CREATE));
                a.await(f.write(buf("durable"), 0));
                a.await(f.sync());
                return readAll(a, f);
            });
            assertEquals("durable", got);
        }
    }

    @Nested
    class Opening {
        @Test
        void aMissingFileWithoutCreateIsNoSuchFile() {
            assertEquals(StorageException.Kind.NO_SUCH_FILE, failure(a -> a.await(Storage.open("nope"))));
        }

        @Test
        void createNewOnAnExistingFileIsFileExists() {
            assertEquals(StorageException.Kind.FILE_EXISTS, failure(a -> {
                a.await(Storage.open("f", OpenOption.CREATE)).close();
                return a.await(Storage.open("f", OpenOption.CREATE_NEW));
            }));
        }

        @Test
        void truncateExistingEmptiesTheFile() {
            long size = body(a -> {
                FileHandle f = a.await(Storage.open("f", OpenOption.CREATE));
                a.await(f.write(buf("abc"), 0));
                f.close();
                return a.await(a.await(Storage.open("f", OpenOption.TRUNCATE_EXISTING)).size());
            });
            assertEquals(0, size);
        }

        @Test
        void aFileInAMissingFolderCannotBeCreated() {
            assertEquals(StorageException.Kind.NO_SUCH_FILE,
                    failure(a -> a.await(Storage.open("no/such/folder/f", OpenOption.CREATE))));
        }

        @Test
        void readOnlyWithCreateMakesAMissingFileAndWithCreateNewRefusesAnExistingOne() {
            long size = body(a -> {
                FileHandle r = a.await(Storage.open("f", OpenOption.READ_ONLY, OpenOption.CREATE));
                assertTrue(a.await(Storage.exists("f")));
                return a.await(r.size());
            });
            assertEquals(0, size);
            assertEquals(StorageException.Kind.FILE_EXISTS, failure(a -> {
                a.await(Storage.open("f", OpenOption.CREATE)).close();
                return a.await(Storage.open("f", OpenOption.READ_ONLY, OpenOption.CREATE_NEW));
            }));
        }

        @Test
        void truncateExistingWithReadOnlyIsReadOnlyEvenForAnEmptyFile() {
            assertEquals(StorageException.Kind.READ_ONLY, failure(a -> {
                a.await(Storage.open("f", OpenOption.CREATE)).close();
                return a.await(Storage.open("f", OpenOption.READ_ONLY, OpenOption.TRUNCATE_EXISTING));
            }));
            assertEquals(StorageException.Kind.READ_ONLY, failure(a -> a.await(Storage.open("g", OpenOption.READ_ONLY,
                    OpenOption.TRUNCATE_EXISTING, OpenOption.CREATE))));
        }

        @Test
        void aFolderCannotBeOpenedAsAFileWithOrWithoutCreate() {
            assertEquals(StorageException.Kind.FILE_EXISTS, failure(a -> {
                a.await(Storage.createDirectories("d"));
                return a.await(Storage.open("d"));
            }));
            assertEquals(StorageException.Kind.FILE_EXISTS, failure(a -> {
                a.await(Storage.createDirectories("d"));
                return a.await(Storage.open("d", OpenOption.CREATE));
            }));
        }

        @Test
        void aPathUnderAFileIsNoSuchFile() {
            assertEquals(StorageException.Kind.NO_SUCH_FILE, failure(a -> {
                a.await(Storage.open("f", OpenOption.CREATE)).close();
                return a.await(Storage.open("f/g", OpenOption.CREATE));
            }));
        }

        @Test
        void anInvalidPathIsRejectedAtOnce() {
            assertThrows(IllegalArgumentException.class, () -> Storage.open("../etc/passwd"));
            assertThrows(IllegalArgumentException.class, () -> Storage.open("/abs"));
            assertThrows(IllegalArgumentException.class, () -> Storage.open(""));
        }
    }

    @Nested
    class Handles {
        @Test
        void aClosedHandleFailsWithClosed() {
            assertEquals(StorageException.Kind.CLOSED, failure(a -> {
                FileHandle f = a.await(Storage.open("f", OpenOption.CREATE));
                f.close();
                f.close();
                return a.await(f.write(buf("x"), 0));
            }));
        }

        @Test
        void aReadOnlyHandleReadsButDoesNotWrite() {
            assertEquals(StorageException.Kind.READ_ONLY, failure(a -> {
                FileHandle w = a.await(Storage.open("f", OpenOption.CREATE));
                a.await(w.write(buf("abc"), 0));
                FileHandle r = a.await(Storage.open("f", OpenOption.READ_ONLY));
                assertEquals("abc", readAll(a, r));
                return a.await(r.append(buf("d")));
            }));
        }
    }

    @Nested
    class Names {
        @Test
        void renameMovesAndReplacesAtomically() {
            String got = body(a -> {
                FileHandle f = a.await(Storage.open("new", OpenOption.CREATE));
                a.await(f.write(buf("fresh"), 0));
                f.close();
                FileHandle old = a.await(Storage.open("current", OpenOption.CREATE));
                a.await(old.write(buf("stale"), 0));
                old.close();
                a.await(Storage.rename("new", "current"));
                assertFalse(a.await(Storage.exists("new")));
                return readAll(a, a.await(Storage.open("current")));
            });
            assertEquals("fresh", got);
        }

        @Test
        void renameOfAMissingFileIsNoSuchFile() {
            assertEquals(StorageException.Kind.NO_SUCH_FILE, failure(a -> a.await(Storage.rename("a", "b"))));
        }

        @Test
        void deleteRemovesAndASecondDeleteIsNoSuchFile() {
            assertEquals(StorageException.Kind.NO_SUCH_FILE, failure(a -> {
                a.await(Storage.open("f", OpenOption.CREATE)).close();
                a.await(Storage.delete("f"));
                assertFalse(a.await(Storage.exists("f")));
                return a.await(Storage.delete("f"));
            }));
        }

        @Test
        void listGivesTheSortedNamesOfAFolderWithItsSubfolders() {
            List<String> names = body(a -> {
                a.await(Storage.createDirectories("db/wal"));
                a.await(Storage.open("db/b.sst", OpenOption.CREATE)).close();
                a.await(Storage.open("db/a.sst", OpenOption.CREATE)).close();
                a.await(Storage.open("db/wal/000001.log", OpenOption.CREATE)).close();
                a.await(Storage.syncDirectory("db"));
                assertTrue(a.await(Storage.exists("db/wal")));
                return a.await(Storage.list("db"));
            });
            assertEquals(List.of("a.sst", "b.sst", "wal"), names);
        }

        @Test
        void listOfAMissingFolderIsNoSuchFile() {
            assertEquals(StorageException.Kind.NO_SUCH_FILE, failure(a -> a.await(Storage.list("missing"))));
        }
    }
}
