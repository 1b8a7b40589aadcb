package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamrecorder.records.RecordingMetadata;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class ObjectAttributesTest {

    private static final String LOCATION = "s3://b/cam/cam.mp4";

    @Test
    void putsTypeFileNameMetadataTagsAndEncryptionOnEveryRequest() throws Exception {
        ObjectAttributes attributes = new ObjectAttributes("cam.mp4", RecordingMetadata.of(Map.of("customer", "ACME")),
                "customer=ACME", Optional.of("aws:kms"), Optional.of("alias/recordings"));
        CreateMultipartUploadRequest create = CreateMultipartUploadRequest.builder().applyMutation(attributes::applyTo).build();
        PutObjectRequest put = PutObjectRequest.builder().applyMutation(attributes::applyTo).build();
        assertEquals("video/mp4", create.contentType());
        assertEquals("video/mp4", put.contentType());
        assertEquals("attachment; filename=\"cam.mp4\"", create.contentDisposition());
        assertEquals(create.contentDisposition(), put.contentDisposition());
        assertEquals(Map.of("customer", "ACME"), create.metadata());
        assertEquals(create.metadata(), put.metadata());
        assertEquals("customer=ACME", create.tagging());
        assertEquals("customer=ACME", put.tagging());
        assertEquals("aws:kms", create.serverSideEncryptionAsString());
        assertEquals("aws:kms", put.serverSideEncryptionAsString());
        assertEquals("alias/recordings", create.ssekmsKeyId());
        assertEquals("alias/recordings", put.ssekmsKeyId());
    }

    @Test
    void asksForNothingBeyondTypeAndFileNameByDefault() {
        ObjectAttributes attributes = new ObjectAttributes("cam.mp4", RecordingMetadata.NONE, "", Optional.empty(),
                Optional.empty());
        PutObjectRequest put = PutObjectRequest.builder().applyMutation(attributes::applyTo).build();
        assertEquals(null, put.tagging());
        assertEquals(null, put.serverSideEncryption());
        assertEquals(Map.of(), put.metadata());
    }

    @Test
    void verifiesTheEncryptionTheStoredObjectReports() {
        ObjectAttributes aes = new ObjectAttributes("cam.mp4", RecordingMetadata.NONE, "", Optional.of("AES256"),
                Optional.empty());
        assertDoesNotThrow(() -> aes.verify(HeadObjectResponse.builder().serverSideEncryption("AES256").build(), LOCATION));
        assertDoesNotThrow(() -> aes.verify(HeadObjectResponse.builder().build(), LOCATION),
                "a store that reports nothing is logged, not failed");
        PermanentUploadException other = assertThrows(PermanentUploadException.class,
                () -> aes.verify(HeadObjectResponse.builder().serverSideEncryption("aws:kms").build(), LOCATION));
        assertEquals("Verification failed for s3://b/cam/cam.mp4: asked for server-side encryption AES256, the store"
                + " reports aws:kms", other.getMessage());
    }
}
