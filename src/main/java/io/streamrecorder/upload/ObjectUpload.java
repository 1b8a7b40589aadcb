package io.streamrecorder.upload;

import io.streamrecorder.upload.UploadCheckpoint.UploadedPart;
import java.util.List;
import java.util.Optional;
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
 * The S3 requests that put one recording into one object: a single PUT or a multipart upload,
 * each part with its CRC32C (or, with checksums off, its Content-MD5), completed as a full-object
 * CRC32C upload and verified against the local file. Failures are sorted into transient and
 * permanent ones ({@link UploadFailures}).
 */
final class ObjectUpload {

    private static final Logger LOG = Logger.getLogger(ObjectUpload.class.getName());

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final ObjectAttributes attributes;
    private final Optional<String> storageClass;
    private final boolean checksums;

    ObjectUpload(S3Client s3, String bucket, String key, ObjectAttributes attributes, Optional<String> storageClass,
            boolean checksums) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.attributes = attributes;
        this.storageClass = storageClass;
        this.checksums = checksums;
    }

    ObjectAttributes attributes() {
        return attributes;
    }

    String location() {
        return "s3://" + bucket + "/" + key;
    }

    /** Starts a multipart upload; returns its id. */
    String create() {
        return call("Starting the multipart upload",
                () -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key).applyMutation(attributes::applyTo)
                        .storageClass(storageClass.orElse(null))
                        .checksumAlgorithm(checksums ? ChecksumAlgorithm.CRC32_C : null)
                        .checksumType(checksums ? ChecksumType.FULL_OBJECT : null)).uploadId());
    }

    /** The whole object in one request. */
    UploadedPart put(PartBytes.Prepared prepared) {
        String crc32c = checksums ? prepared.crc32c() : null;
        String eTag = call("Uploading " + attributes.fileName(), () -> s3.putObject(
                r -> r.bucket(bucket).key(key).contentMD5(prepared.md5()).checksumCRC32C(crc32c)
                        .applyMutation(attributes::applyTo).storageClass(storageClass.orElse(null)),
                RequestBody.fromByteBuffer(prepared.bytes())).eTag());
        return new UploadedPart(prepared.part().number(), eTag, prepared.md5(), crc32c);
    }

    /** One part; sending a part number again replaces what S3 held for it. */
    UploadedPart uploadPart(String uploadId, PartBytes.Prepared prepared) {
        // S3 refuses a part whose bytes do not match its CRC32C or Content-MD5 (BadDigest).
        FilePart part = prepared.part();
        String crc32c = checksums ? prepared.crc32c() : null;
        String eTag = call("Uploading part " + part.number(), () -> s3.uploadPart(
                r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(part.number())
                        .contentMD5(prepared.md5()).checksumCRC32C(crc32c).contentLength(part.length()),
                RequestBody.fromByteBuffer(prepared.bytes())).eTag());
        return new UploadedPart(part.number(), eTag, prepared.md5(), crc32c);
    }

    /** After a restart: the parts S3 holds must include every part the checkpoint lists. */
    void reconcile(UploadCheckpoint checkpoint) {
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

    void abort(String uploadId) {
        call("Aborting the multipart upload", () -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)));
    }

    /**
     * Completes a multipart upload (a single PUT is complete already) and verifies the stored object
     * against the local file: its size, and its full-object CRC32C ({@code localCrc32c}, read from
     * the file as it is now, so the object holds what the recording holds, not merely what was
     * sent); without CRC32Cs, its ETag against the parts' MD5s.
     */
    UploadResult completeAndVerify(UploadCheckpoint checkpoint, long fileSize, String localCrc32c) {
        if (checkpoint.uploadId() != null) {
            List<CompletedPart> parts = checkpoint.parts().stream()
                    .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.eTag()).checksumCRC32C(p.crc32c()).build())
                    .toList();
            try {
                call("Completing the upload", () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                        .uploadId(checkpoint.uploadId()).multipartUpload(m -> m.parts(parts))
                        .checksumCRC32C(localCrc32c)
                        .checksumType(localCrc32c != null ? ChecksumType.FULL_OBJECT : null)));
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
            throw new PermanentUploadException("Verification failed for " + location() + ": stored "
                    + stored.contentLength() + " bytes with ETag " + actual + ", sent " + fileSize + " bytes with ETag "
                    + expected);
        }
        String storedCrc32c = stored.checksumCRC32C();
        if (localCrc32c != null && !localCrc32c.equals(storedCrc32c)) {
            throw new PermanentUploadException("Verification failed for " + location() + ": its CRC32C is "
                    + (storedCrc32c == null ? "not reported (set streamrecorder.upload.checksums=false for a store"
                            + " without checksums)" : storedCrc32c + ", type " + stored.checksumTypeAsString())
                    + ", the local file's " + localCrc32c);
        }
        attributes.verify(stored, location());
        if (!eTagIsMd5 && localCrc32c == null) {
            LOG.info(() -> String.format("%s is encrypted with KMS or customer keys, so its ETag is no MD5;"
                    + " verified by size, and every part by its Content-MD5", location()));
        }
        LOG.info(() -> String.format("Uploaded and verified %s: %s bytes, ETag %s%s", location(), fileSize, actual,
                localCrc32c == null ? "" : String.format(", CRC32C %s", localCrc32c)));
        return new UploadResult(bucket, key, fileSize, actual, localCrc32c, checkpoint.parts().size());
    }

    private static <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (S3Exception | SdkClientException e) {
            throw UploadFailures.classify(action, e);
        }
    }
}
