package io.streamrecorder.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recordings whose upload could not be queued when they finished (the batch runtime stops before
 * the recordings that end at undeploy or shutdown are finalised): a {@code <file>.upload-pending}
 * marker beside each, so the next start queues them and none is left out of the bucket.
 */
final class PendingUploads {

    private static final String SUFFIX = ".upload-pending";

    private PendingUploads() {
    }

    static void mark(Path recording) throws IOException {
        Files.writeString(markerOf(recording), "");
    }

    static void clear(Path recording) throws IOException {
        Files.deleteIfExists(markerOf(recording));
    }

    /** The recordings marked in {@code recordsDir} that are still there. */
    static List<Path> in(Path recordsDir) throws IOException {
        if (!Files.isDirectory(recordsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(recordsDir)) {
            return files.map(Path::toString).filter(name -> name.endsWith(SUFFIX))
                    .map(name -> Path.of(name.substring(0, name.length() - SUFFIX.length())))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path markerOf(Path recording) {
        return recording.resolveSibling(recording.getFileName() + SUFFIX);
    }
}
