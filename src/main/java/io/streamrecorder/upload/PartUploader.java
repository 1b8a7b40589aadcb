package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.records.MetadataSidecar;
import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.upload.UploadCheckpoint.UploadedPart;
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
import java.util.function.Supplier;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
    RecorderConfig config;

    @Inject
    Event<UploadProgress> progress;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private S3Client s3;
    private UploadCheckpoint checkpoint;
    private PartPlan plan;
    private PartBytes bytes;
    private UploadPacing pacing;
    private ObjectAttributes attributes;
    /** CRC32Cs rather than MD5s, decided once per upload: a restart goes on the way it began. */
    private boolean checksums;

    @Override
    public void open(Serializable previous) throws IOException {
        s3 = s3Clients.client();
        plan = new PartPlan(Files.size(Path.of(file)), Long.parseLong(partSize));
        checkpoint = (UploadCheckpoint) previous;
        checksums = checkpoint == null || checkpoint.parts().isEmpty() ? config.uploadChecksums()
                : checkpoint.parts().stream().allMatch(p -> p.crc32c() != null);
        // With CRC32Cs S3 checks every part and we verify the object; the MD5s (for Content-MD5 and
        // the ETag) would add nothing but CPU, enough to keep the job below its throughput goal
        // (docs/BENCHMARKS.md, "Uploads to S3").
        bytes = new PartBytes(Path.of(file), executor, !checksums);
        pacing = new UploadPacing(config.uploadBytesPerSecond());
        attributes = ObjectAttributes.of(config, streamName, fileName(), metadata());
        if (checkpoint != null && checkpoint.uploadId() != null) {
            reconcile();
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
            upload(part);
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
        String uploadId = call("Starting the multipart upload",
                () -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key).applyMutation(attributes::applyTo)
                        .storageClass(config.uploadStorageClass().orElse(null))
                        .checksumAlgorithm(checksums ? ChecksumAlgorithm.CRC32_C : null)
                        .checksumType(checksums ? ChecksumType.FULL_OBJECT : null)).uploadId());
        checkpoint = UploadCheckpoint.start(uploadId);
        remember();
        LOG.info(() -> String.format("Uploading %s to s3://%s/%s in parts of %s bytes, upload id %s",
                Path.of(file).getFileName(), bucket, key, partSize, uploadId));
    }

    private void upload(FilePart part) throws IOException {
        PartBytes.Prepared prepared = bytes.take(part);
        if (!part.last()) {
            bytes.prefetch(plan.part(part.number() + 1));
        }
        // S3 refuses a part whose bytes do not match its CRC32C or Content-MD5 (BadDigest).
        String contentMd5 = prepared.md5();
        String crc32c = checksums ? prepared.crc32c() : null;
        String eTag;
        if (checkpoint.uploadId() == null) {
            eTag = call("Uploading " + fileName(), () -> s3.putObject(
                    r -> r.bucket(bucket).key(key).contentMD5(contentMd5).checksumCRC32C(crc32c)
                            .applyMutation(attributes::applyTo).storageClass(config.uploadStorageClass().orElse(null)),
                    RequestBody.fromByteBuffer(prepared.bytes())).eTag());
        } else {
            eTag = call("Uploading part " + part.number(), () -> s3.uploadPart(
                    r -> r.bucket(bucket).key(key).uploadId(checkpoint.uploadId()).partNumber(part.number())
                            .contentMD5(contentMd5).checksumCRC32C(crc32c).contentLength(part.length()),
                    RequestBody.fromByteBuffer(prepared.bytes())).eTag());
        }
        checkpoint = checkpoint.with(new UploadedPart(part.number(), eTag, contentMd5, crc32c));
    }

    private void finish(long fileSize) throws IOException {
        // Of the file as it is now: the object must hold what the recording holds, not merely what was
        // sent. Without CRC32Cs (checksums off, or an upload an older version began) the object has
        // none: size and ETag (from the parts' MD5s) verify it then.
        String localCrc32c = checksums ? Crc32c.of(Path.of(file)) : null;
        if (checkpoint.uploadId() != null) {
            List<CompletedPart> parts = checkpoint.parts().stream()
                    .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.eTag()).checksumCRC32C(p.crc32c()).build())
                    .toList();
            try {
                call("Completing the upload", () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                        .uploadId(checkpoint.uploadId()).multipartUpload(m -> m.parts(parts))
                        .checksumCRC32C(localCrc32c)
                        .checksumType(checksums ? ChecksumType.FULL_OBJECT : null)));
            } catch (PermanentUploadException e) {
                // A retried completion finds the upload already completed: the verification decides.
                LOG.info(() -> String.format("Completing %s failed (%s); verifying the object", key, e.getMessage()));
            }
        }
        HeadObjectResponse stored = call("Verifying the object", () -> s3.headObject(r -> r.bucket(bucket).key(key)
                .checksumMode(localCrc32c != null ? ChecksumMode.ENABLED : null)));
        String actual = ExpectedETag.unquote(stored.eTag());
        // Without MD5s (checksums on) the CRC32C below verifies the content; the ETag says nothing more.
        boolean eTagIsMd5 = !ExpectedETag.encryptedWithKeys(stored);
        String expected = ExpectedETag.of(checkpoint).orElse(actual);
        if (stored.contentLength() != fileSize || (eTagIsMd5 && !expected.equals(actual))) {
            throw new PermanentUploadException("Verification failed for s3://" + bucket + "/" + key + ": stored "
                    + stored.contentLength() + " bytes with ETag " + actual + ", sent " + fileSize + " bytes with ETag "
                    + expected);
        }
        String storedCrc32c = stored.checksumCRC32C();
        if (localCrc32c != null && !localCrc32c.equals(storedCrc32c)) {
            throw new PermanentUploadException("Verification failed for s3://" + bucket + "/" + key + ": its CRC32C is "
                    + (storedCrc32c == null ? "not reported (set streamrecorder.upload.checksums=false for a store"
                            + " without checksums)" : storedCrc32c + ", type " + stored.checksumTypeAsString())
                    + ", the local file's " + localCrc32c);
        }
        attributes.verify(stored, "s3://" + bucket + "/" + key);
        if (!eTagIsMd5 && localCrc32c == null) {
            LOG.info(() -> String.format("s3://%s/%s is encrypted with KMS or customer keys, so its ETag is no MD5;"
                    + " verified by size, and every part by its Content-MD5", bucket, key));
        }
        UploadResult result = new UploadResult(bucket, key, fileSize, actual, localCrc32c, checkpoint.parts().size());
        results.verified(Path.of(file), result);
        progress.fire(UploadProgress.uploaded(streamName, fileName(), result, s3Clients.presignedGet(bucket, key),
                attributes.metadata()));
        LOG.info(() -> String.format("Uploaded and verified s3://%s/%s: %s bytes, ETag %s%s", bucket, key, fileSize,
                actual, localCrc32c == null ? "" : String.format(", CRC32C %s", localCrc32c)));
    }

    /** After a restart: the parts S3 holds must include every part the checkpoint lists. */
    private void reconcile() {
        ListPartsResponse listed = call("Checking the parts already uploaded",
                () -> s3.listParts(r -> r.bucket(bucket).key(key).uploadId(checkpoint.uploadId())));
        for (UploadedPart part : checkpoint.parts()) {
            boolean present = listed.parts().stream().map(Part::partNumber).anyMatch(n -> n == part.number());
            if (!present) {
                throw new PermanentUploadException("S3 lost part " + part.number() + " of upload " + checkpoint.uploadId());
            }
        }
        LOG.info(() -> String.format("Resuming upload of %s after part %s of the parts S3 holds (%s)", key,
                checkpoint.nextPart() - 1, listed.parts().size()));
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

    private static <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (S3Exception | SdkClientException e) {
            throw UploadFailures.classify(action, e);
        }
    }
}
