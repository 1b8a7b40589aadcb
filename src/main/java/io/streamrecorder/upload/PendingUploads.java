package io.streamrecorder.upload;

import io.streamrecorder.records.RecordsDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** The recordings marked in {@code records} that are still there. */
    static List<Path> in(RecordsDirectory records) throws IOException {
        return records.filesEndingIn(SUFFIX).stream()
                .map(marker -> marker.resolveSibling(recordingNameOf(marker.getFileName().toString())))
                .filter(Files::isRegularFile).toList();
    }

    private static String recordingNameOf(String markerName) {
        return markerName.substring(0, markerName.length() - SUFFIX.length());
    }

    private static Path markerOf(Path recording) {
        return recording.resolveSibling(recording.getFileName() + SUFFIX);
    }
}
