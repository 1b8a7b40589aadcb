package io.streamrecorder.upload;

import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.records.MetadataSidecar;
import io.streamrecorder.records.PartialForwarding;
import io.streamrecorder.records.RecordInfo;
import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Uploads a recording while it is written: each part the {@link LivePartReader} hands out goes up
 * at once (the first with the fragmented header, which already plays). Once the recording is
 * finished in place, only the first part (its header now the finished index) and the rest after
 * the last part go up, and the object is completed and verified like any other. A recording
 * finished by a copy instead (one that outgrew its index reserve), or under another name than the
 * object's key was made for, no longer matches the parts sent: that upload is aborted and the
 * finished file is uploaded as it is.
 */
// Batch artifacts are CDI beans: the runtime finds them by name, scoped to their step or job.
@Dependent
@Named("livePartUploader")
public class LivePartUploader extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(LivePartUploader.class.getName());

    @Inject
    @BatchProperty
    String file;

    @Inject
    @BatchProperty
    String fileName;

    @Inject
    @BatchProperty
    String bucket;

    @Inject
    @BatchProperty
    String key;

    @Inject
    @BatchProperty
    String partSize;

    @Inject
    @BatchProperty
    String streamName;

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    S3Clients s3Clients;

    @Inject
    UploadResults results;

    @Inject
    UploadStarter uploads;

    @Inject
    UploadConfig config;

    @Inject
    Event<UploadProgress> progress;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private Path partial;
    private ObjectUpload object;
    private UploadCheckpoint checkpoint;
    private UploadPacing pacing;
    private boolean checksums;

    @Override
    public void open(Serializable previous) throws IOException {
        partial = Path.of(file);
        checkpoint = previous == null ? UploadCheckpoint.start(null) : (UploadCheckpoint) previous;
        // CRC32Cs rather than MD5s, decided once per upload: a restart goes on the way it began.
        checksums = checkpoint.parts().isEmpty() ? config.uploadChecksums()
                : checkpoint.parts().stream().allMatch(p -> p.crc32c() != null);
        pacing = new UploadPacing(config.uploadBytesPerSecond());
        object = new ObjectUpload(s3Clients.client(), bucket, key,
                ObjectAttributes.of(config, streamName, fileName, MetadataSidecar.read(recordingNow())),
                config.uploadStorageClass(), checksums);
        if (checkpoint.uploadId() != null) {
            object.reconcile(checkpoint);
            remember();
        }
    }

    @Override
    public void writeItems(List<Object> items) throws IOException {
        for (Object item : items) {
            if (item instanceof LiveItem.Part part) {
                send(part.part());
            } else if (item instanceof LiveItem.Finished finished) {
                finish(Path.of(finished.file()), finished.cursor());
            } else if (item instanceof LiveItem.Discarded) {
                discard();
            }
            // LiveItem.Waiting: nothing to send; the chunk's commit is the point.
        }
    }

    /** Also kept where every node can read it: a rescue on another node completes the parts it lists. */
    @Override
    public Serializable checkpointInfo() {
        step.setPersistentUserData(checkpoint);
        return checkpoint;
    }

    /** A part read while recording; its bytes are the same under the finished name once the partial's is gone. */
    private void send(FilePart part) throws IOException {
        if (checkpoint.uploadId() == null) {
            checkpoint = UploadCheckpoint.start(object.create());
            remember();
            LOG.info(() -> String.format("Uploading %s to %s while it is recorded, upload id %s", partial.getFileName(),
                    object.location(), checkpoint.uploadId()));
        }
        upload(recordingNow(), part);
    }

    private void finish(Path finished, LiveCursor cursor) throws IOException {
        long fileSize = Files.size(finished);
        boolean partsMatch = checkpoint.uploadId() == null || fileSize >= cursor.nextOffset() && cursor.read(finished);
        if (!finished.getFileName().toString().equals(fileName) || !partsMatch) {
            handOver(finished);
            return;
        }
        long partBytes = Long.parseLong(partSize);
        if (checkpoint.uploadId() == null) {
            if (fileSize > partBytes) {
                // The recording ended before its first part was sent: all of it goes up now.
                checkpoint = UploadCheckpoint.start(object.create());
                remember();
            } else {
                upload(finished, new FilePart(1, 0, fileSize, true));
            }
        }
        if (checkpoint.uploadId() != null) {
            if (cursor.firstPartEnd() > 0) {
                upload(finished, new FilePart(1, 0, cursor.firstPartEnd(), false));
            }
            long offset = cursor.nextOffset();
            for (int number = cursor.nextNumber(); offset < fileSize || number == 1; number++) {
                long length = fileSize - offset < 2 * partBytes ? fileSize - offset : partBytes;
                upload(finished, new FilePart(number, offset, length, offset + length == fileSize));
                offset += length;
            }
        }
        String localCrc32c = checksums ? Crc32c.of(finished) : null;
        UploadResult result = object.completeAndVerify(checkpoint, fileSize, localCrc32c);
        LOG.info(() -> String.format("%s: %s of its %s bytes were handed to the upload while it was recorded;"
                + " at its end %s bytes, of which %s (the first part, its header now the finished index) for the second time",
                finished.getFileName(), cursor.nextOffset(), fileSize, fileSize - cursor.nextOffset() + cursor.firstPartEnd(),
                cursor.firstPartEnd()));
        results.verified(finished, result);
        PartialForwarding.forget(partial);
        progress.fire(UploadProgress.uploaded(streamName, finished.getFileName().toString(), result,
                s3Clients.presignedGet(bucket, key), object.attributes().metadata()));
    }

    private void upload(Path source, FilePart part) throws IOException {
        try (PartBytes bytes = new PartBytes(source, executor, !checksums)) {
            PartBytes.Prepared prepared = bytes.take(part);
            checkpoint = checkpoint.with(part.last() && part.number() == 1 && checkpoint.uploadId() == null
                    ? object.put(prepared) : object.uploadPart(checkpoint.uploadId(), prepared));
        }
        pacing.sent(part.length());
    }

    /**
     * The object's key or the parts sent no longer fit the finished file: it goes up as it is, under
     * its own key, and the parts are dropped.
     */
    private void handOver(Path finished) throws IOException {
        if (checkpoint.uploadId() != null) {
            object.abort(checkpoint.uploadId());
        }
        LOG.info(() -> String.format("%s was not finished in place under the name expected (%s); its parts sent while"
                + " recording are dropped and the finished file is uploaded as it is", finished.getFileName(), fileName));
        PartialForwarding.forget(partial);
        uploads.upload(new RecordInfo(streamName, finished, 0, Files.size(finished)));
        checkpoint = UploadCheckpoint.start(null);
    }

    private void discard() throws IOException {
        if (checkpoint.uploadId() != null) {
            object.abort(checkpoint.uploadId());
        }
        PartialForwarding.forget(partial);
        LOG.info(() -> String.format("%s was discarded; nothing to upload", partial.getFileName()));
    }

    /**
     * Where the recording is now: the partial while it is written, the finished file after (a part's
     * bytes are the same in both; the metadata sidecar moves with the file).
     */
    private Path recordingNow() throws IOException {
        return Files.exists(partial) ? partial : PartialForwarding.destination(partial).orElse(partial);
    }

    /** Lets the job's cleanup abort this upload if the job gives up. */
    private void remember() {
        job.setTransientUserData(new UploadTarget(bucket, key, checkpoint.uploadId()));
    }
}
