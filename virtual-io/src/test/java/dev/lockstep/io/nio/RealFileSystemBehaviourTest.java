package dev.lockstep.io.nio;

import dev.lockstep.future.Future;
import dev.lockstep.io.fs.FileSystem;
import dev.lockstep.io.fs.StorageBehaviourTestCase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage behaviour suite on the real file system, each test under a fresh temporary folder. */
class RealFileSystemBehaviourTest extends StorageBehaviourTestCase {
    @TempDir
    Path folder;

    private int runs;

    @Override
    protected <T> T run(Future<T> scenario) {
        Path root = folder.resolve("run-" + runs++);
        return RealRuntimes.run(rt -> {
            rt.install(FileSystem.class, RealFileSystem.rooted(root));
            return scenario;
        });
    }
}
