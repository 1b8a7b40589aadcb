package io.streamrecorder.recording;

import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordingFinaliser;
import io.streamrecorder.records.RecordsDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The files one recording has produced: each closed file is finalised (on a thread of its own
 * while the recording goes on), announced, and remembered in order, so the recording's end can
 * wait for all of them and say what was kept.
 */
final class FinishedFiles {

    private static final Logger LOG = Logger.getLogger(FinishedFiles.class.getName());

    private final RecordingFinaliser finaliser;
    private final ThreadFactory threads;
    private final Consumer<RecordInfo> onFile;
    private final List<CompletableFuture<RecordInfo>> files = new ArrayList<>();

    FinishedFiles(RecordingFinaliser finaliser, ThreadFactory threads, Consumer<RecordInfo> onFile) {
        this.finaliser = finaliser;
        this.threads = threads;
        this.onFile = onFile;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** Finalises a segment on a thread of its own, so the recording goes on into the next one meanwhile. */
    void finishWhileRecording(RecordsDirectory.RecordingFile closed, long publishedMillis, long pausedMillis,
            long droppedSoFar) {
        threads.newThread(finalising(closed, publishedMillis, pausedMillis, droppedSoFar)).start();
    }

    /** Finalises the recording's last file on the calling thread (the encoder thread, which has nothing left to do). */
    void finishLast(RecordsDirectory.RecordingFile closed, long publishedMillis, long pausedMillis, long droppedSoFar) {
        finalising(closed, publishedMillis, pausedMillis, droppedSoFar).run();
    }

    /**
     * The log compares the file's duration with {@code publishedMillis}, the time media was published
     * into it while not paused.
     */
    private Runnable finalising(RecordsDirectory.RecordingFile closed, long publishedMillis, long pausedMillis,
            long droppedSoFar) {
        CompletableFuture<RecordInfo> finalised = new CompletableFuture<>();
        files.add(finalised);
        return () -> {
            try {
                RecordInfo info = finaliser.finalise(closed);
                LOG.info(() -> String.format(
                        "Recording %s finished: %s ms of media for %s ms published (%s ms paused), %s bytes, %s samples"
                                + " dropped so far",
                        info.fileName(), info.durationMillis(), publishedMillis, pausedMillis, info.sizeBytes(), droppedSoFar));
                onFile.accept(info);
                finalised.complete(info);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> String.format("Recording %s could not be finalised; it is kept as it is",
                        closed.partialName()));
                finalised.completeExceptionally(e);
            }
        };
    }

    /** Every file, in order, once all are finalised; fails if one could not be. */
    CompletableFuture<List<RecordInfo>> all() {
        return CompletableFuture.allOf(files.toArray(CompletableFuture[]::new))
                .thenApply(done -> files.stream().map(CompletableFuture::join).toList());
    }

    /** Once all are finalised (or failed): what a failure message says was kept. */
    CompletableFuture<String> kept(String partialName) {
        return CompletableFuture.allOf(files.toArray(CompletableFuture[]::new)).handle((done, ignored) -> {
            if (files.isEmpty()) {
                return "";
            }
            CompletableFuture<RecordInfo> last = files.get(files.size() - 1);
            return last.isCompletedExceptionally() ? "; what was recorded is kept in " + partialName
                    : "; " + last.join().fileName() + " keeps the " + last.join().durationMillis() / 1000 + " s recorded";
        });
    }
}
