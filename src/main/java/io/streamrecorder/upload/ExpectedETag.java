package io.streamrecorder.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The ETag S3 gives an object whose bytes are what we sent: the MD5 of a single PUT, or for a
 * multipart upload the MD5 of the parts' MD5s followed by "-" and the part count. Comparing it, and
 * the size, with the stored object verifies the whole upload without reading it back.
 */
final class ExpectedETag {

    private ExpectedETag() {
    }

    /** Empty when the parts were sent without MD5s (with CRC32Cs instead). */
    static Optional<String> of(UploadCheckpoint checkpoint) {
        List<UploadCheckpoint.UploadedPart> parts = checkpoint.parts();
        if (parts.stream().anyMatch(part -> part.md5() == null)) {
            return Optional.empty();
        }
        if (checkpoint.uploadId() == null) {
            return Optional.of(hex(Base64.getDecoder().decode(parts.get(0).md5())));
        }
        MessageDigest md5 = md5();
        parts.forEach(part -> md5.update(Base64.getDecoder().decode(part.md5())));
        return Optional.of(hex(md5.digest()) + "-" + parts.size());
    }

    /**
     * Under SSE-KMS or customer-provided keys S3's ETag is not an MD5 of the data, so it cannot be
     * compared; S3 has still checked every part against the Content-MD5 we sent.
     */
    static boolean encryptedWithKeys(HeadObjectResponse object) {
        ServerSideEncryption encryption = object.serverSideEncryption();
        return encryption == ServerSideEncryption.AWS_KMS || encryption == ServerSideEncryption.AWS_KMS_DSSE
                || object.sseCustomerAlgorithm() != null;
    }

    /** ETags arrive quoted. */
    static String unquote(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
