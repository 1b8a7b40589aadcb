package io.streamrecorder.upload;

import io.streamrecorder.mp4.FragmentedMp4;
import io.streamrecorder.records.PartialForwarding;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Follows a recording while it is written: hands out each part as soon as a whole fragment ends
 * at least a part's size past the previous one, so every part but the first ends where a fragment
 * does and holds final bytes (finishing in place rewrites only the header, in the first part).
 * Once the recording is finished it hands out where it went; its checkpoint is a {@link LiveCursor}.
 */
// Batch artifacts are CDI beans: the runtime finds them by name, scoped to their step or job.
@Dependent
@Named("livePartReader")
public class LivePartReader extends AbstractItemReader {

    /** How often a growing recording is looked at: a part is several seconds of media at any bitrate. */
    static final long POLL_MILLIS = 500;
    /** The longest a chunk waits for a part: its transaction stays short and its checkpoint fresh. */
    static final long WAIT_MILLIS = 30_000;

    @Inject
    @BatchProperty
    String file;

    @Inject
    @BatchProperty
    String partSize;

    @Inject
    JobContext job;

    private Path partial;
    private long size;
    private LiveCursor cursor;
    private boolean ended;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        partial = Path.of(file);
        size = Long.parseLong(partSize);
        if (checkpoint != null) {
            cursor = (LiveCursor) checkpoint;
        } else {
            try {
                cursor = LiveCursor.start(partial);
            } catch (NoSuchFileException over) {
                // Finished (or discarded) before the job began: nothing was read of it.
                cursor = LiveCursor.NOTHING_READ;
            }
        }
    }

    @Override
    public Object readItem() throws IOException {
        if (ended) {
            return null;
        }
        long waitUntil = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        // A stop (an operator's, a suspend's, a shutdown's) is seen by the runtime between items: an
        // item now, not after the wait, so a shutdown does not wait for a recording to grow.
        while (System.nanoTime() < waitUntil && job.getBatchStatus() != BatchStatus.STOPPING) {
            Optional<Object> next = next();
            if (next.isPresent()) {
                return next.get();
            }
            pause();
        }
        return new LiveItem.Waiting();
    }

    @Override
    public Serializable checkpointInfo() {
        return cursor;
    }

    /** The next item, or empty while the recording is being written and no part is whole yet. */
    private Optional<Object> next() throws IOException {
        try (FileChannel channel = FileChannel.open(partial)) {
            OptionalLong end = FragmentedMp4.fragmentEnd(channel, cursor.nextOffset(), cursor.nextOffset() + size);
            if (end.isEmpty()) {
                return Optional.empty();
            }
            FilePart part = new FilePart(cursor.nextNumber(), cursor.nextOffset(), end.getAsLong() - cursor.nextOffset(), false);
            cursor = cursor.after(part);
            return Optional.of(new LiveItem.Part(part));
        } catch (NoSuchFileException finished) {
            // The partial name goes only after the finished file has its name and the forwarding says it.
            ended = true;
            Optional<Path> destination = PartialForwarding.destination(partial);
            return Optional.of(destination.isPresent() ? new LiveItem.Finished(destination.get().toString(), cursor)
                    : new LiveItem.Discarded());
        }
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while following a recording");
        }
    }
}
