package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.upload.UploadCheckpoint.UploadedPart;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Completes the object of a node that is gone for good from the parts its upload had sent while
 * recording. Part 1 holds the fragmented header and every part ends where a fragment does, so the
 * parts from 1 on, as long as none is missing, make a fragmented MP4 that plays up to the end of
 * the last part. Nothing is read from any disk: the parts are those the job's checkpoint lists (in
 * the shared job repository) and S3 holds as they were sent, and the object is verified against
 * their CRC32Cs, combined, and their sizes.
 */
@ApplicationScoped
public class UploadRescue {

    private static final Logger LOG = Logger.getLogger(UploadRescue.class.getName());
    private static final Set<BatchStatus> UNFINISHED = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED,
            BatchStatus.STOPPING, BatchStatus.STOPPED, BatchStatus.FAILED);

    private RecorderConfig config;
    private UploadConfig uploads;
    private S3Clients s3Clients;

    protected UploadRescue() {
        // for CDI proxies
    }

    @Inject
    public UploadRescue(RecorderConfig config, UploadConfig uploads, S3Clients s3Clients) {
        this.config = config;
        this.uploads = uploads;
        this.s3Clients = s3Clients;
    }

    /**
     * Rescues the upload of job execution {@code executionId}.
     *
     * @throws IllegalStateException naming why this upload cannot be rescued (here)
     */
    public UploadResult rescue(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties parameters = operator.getParameters(executionId);
        if (!UploadModeStep.LIVE.equals(parameters.getProperty(UploadModeStep.PARAMETER))) {
            throw new IllegalStateException("Job execution " + executionId + " uploads a finished file; only an upload that"
                    + " followed a recording leaves parts to rescue");
        }
        if (JobOwner.isOwnedBy(parameters, config.nodeName())) {
            throw new IllegalStateException("Job execution " + executionId + " is this node's, which has its recording:"
                    + " restart it instead");
        }
        BatchStatus status = operator.getJobExecution(executionId).getBatchStatus();
        if (!UNFINISHED.contains(status)) {
            throw new IllegalStateException("Job execution " + executionId + " is " + status + ": nothing to rescue");
        }
        String bucket = parameters.getProperty("bucket");
        String key = parameters.getProperty("key");
        UploadCheckpoint sent = operator.getStepExecutions(executionId).stream()
                .filter(step -> step.getPersistentUserData() instanceof UploadCheckpoint).findFirst()
                .map(step -> (UploadCheckpoint) step.getPersistentUserData())
                .filter(checkpoint -> checkpoint.uploadId() != null)
                .orElseThrow(() -> new IllegalStateException("Job execution " + executionId + " sent no part"));
        S3Client s3 = s3Clients.client();
        List<Part> held = new ArrayList<>();
        try {
            s3.listPartsPaginator(r -> r.bucket(bucket).key(key).uploadId(sent.uploadId())).parts().forEach(held::add);
        } catch (NoSuchUploadException e) {
            throw new IllegalStateException("Upload " + sent.uploadId() + " of " + key + " is no longer open: it was"
                    + " completed (rescued before?) or aborted", e);
        }
        UploadCheckpoint leading = UploadCheckpoint.start(sent.uploadId());
        long size = 0;
        String crc32c = null;
        for (UploadedPart part : sent.parts()) {
            Part inS3 = held.stream().filter(p -> p.partNumber() == part.number()).findFirst().orElse(null);
            if (part.number() != leading.parts().size() + 1 || inS3 == null
                    || !ExpectedETag.unquote(inS3.eTag()).equals(ExpectedETag.unquote(part.eTag()))) {
                // A part after a gap cannot follow on; one S3 holds in another version was sent again at Stop.
                break;
            }
            leading = leading.with(part);
            crc32c = part.crc32c() == null ? null : crc32c == null ? part.crc32c() : Crc32c.combine(crc32c, part.crc32c(), inS3.size());
            size += inS3.size();
        }
        if (leading.parts().isEmpty()) {
            throw new IllegalStateException("S3 holds no first part of " + key + " as it was sent; nothing playable can be"
                    + " made of it");
        }
        boolean checksums = leading.parts().stream().allMatch(part -> part.crc32c() != null);
        ObjectUpload object = new ObjectUpload(s3, bucket, key, ObjectAttributes.of(uploads, parameters.getProperty(
                "streamName"), parameters.getProperty("fileName"), RecordingMetadata.NONE), Optional.empty(), checksums);
        UploadResult result;
        try {
            result = object.completeAndVerify(leading, size, checksums ? crc32c : null);
        } catch (PermanentUploadException | TransientUploadException e) {
            throw new IllegalStateException("Completing " + object.location() + " failed: " + e.getMessage(), e);
        }
        LOG.info(() -> String.format("Rescued %s from %s parts of node %s's upload (job execution %s): %s bytes, a"
                + " fragmented MP4 up to the end of its last part", object.location(), result.parts(),
                JobOwner.of(parameters).orElse("?"), executionId, result.sizeBytes()));
        return result;
    }
}
