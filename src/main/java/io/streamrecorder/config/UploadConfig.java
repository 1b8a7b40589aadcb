package io.streamrecorder.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where recordings go and how they get there: the S3 bucket and endpoint, and the upload job's
 * settings. Read like {@link RecorderConfig}, whose settings these are too: a group of their own
 * because the upload package is their only reader, besides the records directory's finishing.
 */
@ApplicationScoped
public class UploadConfig {

    private static final long MIB = 1024L * 1024;
    private static final long MIN_PART_SIZE = 5 * MIB;

    private final SettingSource source;

    public UploadConfig() {
        this(SettingSource.system());
    }

    UploadConfig(SettingSource source) {
        this.source = source;
    }

    /** Whether finished recordings are uploaded to S3. */
    public boolean uploadEnabled() {
        return !"false".equalsIgnoreCase(source.get("streamrecorder.upload.enabled").orElse("true"));
    }

    public String s3Bucket() {
        return source.get("streamrecorder.s3.bucket").orElse("recordings");
    }

    public String s3Region() {
        return source.get("streamrecorder.s3.region").orElse("us-east-1");
    }

    /** An S3-compatible server instead of AWS, e.g. http://127.0.0.1:9000; empty for AWS. */
    public Optional<URI> s3Endpoint() {
        return source.get("streamrecorder.s3.endpoint").map(URI::create);
    }

    /** Path-style URLs (http://host/bucket/key), which most S3-compatible servers need. */
    public boolean s3PathStyle() {
        return source.get("streamrecorder.s3.path-style").map(Boolean::parseBoolean)
                .orElse(s3Endpoint().isPresent());
    }

    /** Parts of a multipart upload; files up to this size go up in one request. */
    public long uploadPartSize() {
        long size = source.getInt("streamrecorder.upload.part-size-mib", 8) * MIB;
        if (size < MIN_PART_SIZE) {
            throw new IllegalStateException("streamrecorder.upload.part-size-mib must be at least 5 (S3's minimum part size)");
        }
        return size;
    }

    /**
     * The most each upload sends per second, so uploads leave the uplink to publishers; zero for no
     * limit. Decimals allowed: a slow uplink is a fraction of a MiB per second.
     */
    public long uploadBytesPerSecond() {
        String name = "streamrecorder.upload.max-mib-per-second";
        double mib;
        try {
            mib = source.get(name).map(Double::parseDouble).orElse(0.0);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + name + " must be a number, was '" + source.get(name).get() + "'", e);
        }
        if (mib < 0 || Double.isNaN(mib) || Double.isInfinite(mib)) {
            throw new IllegalStateException("Setting " + name + " must be 0 or more, was " + mib);
        }
        return Math.round(mib * MIB);
    }

    /** When recordings go to S3: once they end (the default), or part by part while they are recorded. */
    public UploadMode uploadMode() {
        String value = source.get("streamrecorder.upload.mode").orElse(UploadMode.AFTER_STOP.setting());
        for (UploadMode mode : UploadMode.values()) {
            if (mode.setting().equals(value)) {
                return mode;
            }
        }
        throw new IllegalStateException("streamrecorder.upload.mode must be while-recording or after-stop, was '" + value + "'");
    }

    /** Object key of a recording; {streamName} and {fileName} are replaced. */
    public String uploadKeyTemplate() {
        return source.get("streamrecorder.upload.key-template").orElse("{streamName}/{fileName}");
    }

    /**
     * Send a CRC32C with every part and verify the object's full-object CRC32C against the local
     * file; off only for S3-compatible stores without flexible checksums (ETag and size still checked).
     */
    public boolean uploadChecksums() {
        return !"false".equalsIgnoreCase(source.get("streamrecorder.upload.checksums").orElse("true"));
    }

    public Optional<String> uploadStorageClass() {
        return source.get("streamrecorder.upload.storage-class");
    }

    /** Tags on every object, {@code key=value&key=value} with placeholders (ObjectTags); empty for none. */
    public Optional<String> uploadTags() {
        return source.get("streamrecorder.upload.tags");
    }

    /** Server-side encryption asked for on every object, {@code AES256} or {@code aws:kms}; empty for the bucket's default. */
    public Optional<String> uploadEncryption() {
        Optional<String> algorithm = source.get("streamrecorder.upload.sse");
        if (algorithm.isPresent() && !List.of("AES256", "aws:kms").contains(algorithm.get())) {
            throw new IllegalStateException("streamrecorder.upload.sse must be AES256 or aws:kms, was '" + algorithm.get() + "'");
        }
        if (uploadKmsKeyId().isPresent() && !algorithm.equals(Optional.of("aws:kms"))) {
            throw new IllegalStateException("streamrecorder.upload.sse-kms-key-id needs streamrecorder.upload.sse=aws:kms");
        }
        return algorithm;
    }

    /** The KMS key objects are encrypted with under {@code aws:kms}; empty for the account's S3 key. */
    public Optional<String> uploadKmsKeyId() {
        return source.get("streamrecorder.upload.sse-kms-key-id");
    }

    /** Keep the parts of an upload that failed for good, so a later restart can finish it. */
    public boolean keepFailedMultipartUploads() {
        return "true".equalsIgnoreCase(source.get("streamrecorder.upload.keep-failed-multipart").orElse("false"));
    }

    /** Receives a JSON POST when an upload finishes or fails; empty for none. */
    public Optional<URI> uploadWebhook() {
        return source.get("streamrecorder.upload.webhook-url").map(URI::create);
    }
}
