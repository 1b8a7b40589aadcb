package io.streamrecorder.upload;

import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.records.MetadataSidecar;
import io.streamrecorder.records.RecordingMetadata;
import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Uploads each part it is given and, after the last one, completes the upload and verifies the
 * stored object: its size, and its full-object CRC32C against the local file (with checksums off,
 * its ETag against the MD5s sent). Its checkpoint ({@link UploadCheckpoint}) lets a restarted job
 * carry on where the last confirmed part left off.
 */
// Batch artifacts are CDI beans: the runtime finds them by name, scoped to their step or job.
@Dependent
@Named("partUploader")
public class PartUploader extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(PartUploader.class.getName());

    @Inject
    @BatchProperty
    String file;

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
    S3Clients s3Clients;

    @Inject
    UploadResults results;

    @Inject
    UploadConfig config;

    @Inject
    Event<UploadProgress> progress;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private ObjectUpload object;
    private UploadCheckpoint checkpoint;
    private PartPlan plan;
    private PartBytes bytes;
    private UploadPacing pacing;

    @Override
    public void open(Serializable previous) throws IOException {
        plan = new PartPlan(Files.size(Path.of(file)), Long.parseLong(partSize));
        checkpoint = (UploadCheckpoint) previous;
        // CRC32Cs rather than MD5s, decided once per upload: a restart goes on the way it began.
        boolean checksums = checkpoint == null || checkpoint.parts().isEmpty() ? config.uploadChecksums()
                : checkpoint.parts().stream().allMatch(p -> p.crc32c() != null);
        // With CRC32Cs S3 checks every part and we verify the object; the MD5s (for Content-MD5 and
        // the ETag) would add nothing but CPU, enough to keep the job below its throughput goal
        // (docs/BENCHMARKS.md, "Uploads to S3").
        bytes = new PartBytes(Path.of(file), executor, !checksums);
        pacing = new UploadPacing(config.uploadBytesPerSecond());
        object = new ObjectUpload(s3Clients.client(), bucket, key,
                ObjectAttributes.of(config, streamName, fileName(), metadata()), config.uploadStorageClass(), checksums);
        if (checkpoint != null && checkpoint.uploadId() != null) {
            object.reconcile(checkpoint);
            remember();
        }
    }

    @Override
    public void writeItems(List<Object> items) throws IOException {
        for (Object item : items) {
            FilePart part = (FilePart) item;
            if (checkpoint == null) {
                begin(part);
            }
            PartBytes.Prepared prepared = bytes.take(part);
            if (!part.last()) {
                bytes.prefetch(plan.part(part.number() + 1));
            }
            checkpoint = checkpoint.with(checkpoint.uploadId() == null ? object.put(prepared)
                    : object.uploadPart(checkpoint.uploadId(), prepared));
            pacing.sent(part.length());
            if (part.last()) {
                finish(part.offset() + part.length());
            } else {
                progress.fire(UploadProgress.uploading(streamName, fileName(),
                        (int) ((part.offset() + part.length()) * 100 / plan.fileSize())));
            }
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return checkpoint;
    }

    @Override
    public void close() {
        if (bytes != null) {
            bytes.close();
        }
    }

    private void begin(FilePart first) {
        if (first.last()) {
            checkpoint = UploadCheckpoint.start(null);
            return;
        }
        checkpoint = UploadCheckpoint.start(object.create());
        remember();
        LOG.info(() -> String.format("Uploading %s to %s in parts of %s bytes, upload id %s",
                Path.of(file).getFileName(), object.location(), partSize, checkpoint.uploadId()));
    }

    private void finish(long fileSize) throws IOException {
        // Without CRC32Cs (checksums off, or an upload an older version began) the object has none:
        // size and ETag (from the parts' MD5s) verify it then.
        String localCrc32c = checkpoint.parts().stream().allMatch(p -> p.crc32c() != null) ? Crc32c.of(Path.of(file)) : null;
        UploadResult result = object.completeAndVerify(checkpoint, fileSize, localCrc32c);
        results.verified(Path.of(file), result);
        progress.fire(UploadProgress.uploaded(streamName, fileName(), result, s3Clients.presignedGet(bucket, key),
                object.attributes().metadata()));
    }

    /** Read once per job run: a sidecar that no longer parses stops the upload, the recording stays. */
    private RecordingMetadata metadata() {
        try {
            return MetadataSidecar.read(Path.of(file));
        } catch (IOException e) {
            throw new PermanentUploadException("The recording's metadata cannot be read: " + e.getMessage(), e);
        }
    }

    private String fileName() {
        return Path.of(file).getFileName().toString();
    }

    /** Lets the job's cleanup abort this upload if the job gives up. */
    private void remember() {
        job.setTransientUserData(new UploadTarget(bucket, key, checkpoint.uploadId()));
    }
}
