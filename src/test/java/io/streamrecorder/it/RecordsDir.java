package io.streamrecorder.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The server's records directory as the tests see it on the same machine. */
public final class RecordsDir {

    private RecordsDir() {
    }

    public static Path path() {
        return Path.of(System.getProperty("records.dir", "target/it-records"));
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
