package io.streamrecorder.it;

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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file.getFileName() + " did not appear within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** The stream's one finished recording, once nothing of it is partial any more. */
    static Path awaitFinished(String streamName, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> files = filesOf(streamName);
            List<Path> finished = files.stream().filter(f -> f.toString().endsWith(".mp4")).toList();
            if (finished.size() == 1 && files.stream().noneMatch(f -> f.toString().endsWith(".part"))) {
                return finished.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished recording of " + streamName + " in " + filesOf(streamName));
    }

    /** Files (finished or partial) whose names start with the stream's name and a dash. */
    static List<Path> filesOf(String streamName) throws IOException {
        if (!Files.isDirectory(path())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path())) {
            return files.filter(f -> f.getFileName().toString().startsWith(streamName + "-")).sorted().toList();
        }
    }
}
