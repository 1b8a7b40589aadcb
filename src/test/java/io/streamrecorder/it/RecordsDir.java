package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The server's records directory as the tests see it on the same machine. */
public final class RecordsDir {

    private RecordsDir() {
    }

    public static Path path() {
        return Path.of(System.getProperty("records.dir", "target/it-records"));
    }

    /** Waits for a file the server writes (a recording's result sidecar, say) to appear. */
    static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        Await.until(file.getFileName() + " to appear", timeout, () -> Files.exists(file));
    }

    /**
     * The stream's one finished recording, once nothing of it is partial any more. Beside a recording
     * the server may also write {@code <file>.hook.json} and {@code <file>.upload.json}.
     */
    static Path awaitFinished(String streamName, Duration timeout) throws InterruptedException {
        return awaitFinished(path(), streamName, timeout);
    }

    /** The same in another node's records directory. */
    static Path awaitFinished(Path directory, String streamName, Duration timeout) throws InterruptedException {
        List<Path> files = Await.until("the finished recording of " + streamName + " and no .part of it", timeout,
                () -> filesOf(directory, streamName), RecordsDir::oneFinishedNonePartial);
        return files.stream().filter(f -> f.toString().endsWith(".mp4")).findFirst().orElseThrow();
    }

    private static boolean oneFinishedNonePartial(List<Path> files) {
        List<Path> finished = files.stream().filter(f -> f.toString().endsWith(".mp4")).toList();
        assertTrue(finished.size() <= 1, "one recording, found " + finished);
        return finished.size() == 1 && files.stream().noneMatch(f -> f.toString().endsWith(".part"));
    }

    /** Files (finished or partial) whose names start with the stream's name and a dash. */
    static List<Path> filesOf(String streamName) throws IOException {
        return filesOf(path(), streamName);
    }

    static List<Path> filesOf(Path directory, String streamName) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(streamName + "-")).sorted().toList();
        }
    }
}
