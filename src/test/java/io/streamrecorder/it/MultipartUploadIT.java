package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;

class MultipartUploadIT {

    private static final long MIB = 1024 * 1024;

    @Test
    void uploadsALargeRecordingInPartsAndVerifiesIt() throws Exception {
        String name = "multipart-" + System.nanoTime();
        Path recording = UploadApi.generateRecording(name, 20 * MIB + 5);

        long execution = UploadApi.queue(recording);
        JsonObject status = UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(60));

        assertEquals("COMPLETED", status.getString("batchStatus"), status.toString());
        assertEquals(3, UploadApi.partsWritten(status), "three parts of 8 MiB at most");
        assertStoredIdentically(name, recording);
        assertTrue(Files.readString(sidecar(recording)).contains("\"parts\":3"));
    }

    /**
     * S3Proxy's file system store implements neither server-side encryption nor tags: it answers 501
     * to a request that asks for them, which shows the request carried them. The upload fails at once
     * with the reason, and the recording stays. What only a store that has them shows (the object's
     * head reporting the encryption, its tags) is left to ObjectAttributesTest.
     */
    @Test
    void asksEveryObjectForEncryptionAndTagsAndFailsAtOnceWhereTheStoreHasNeither() throws Exception {
        for (String[] setting : new String[][] {{"streamrecorder.upload.sse", "AES256", "encryption"},
                {"streamrecorder.upload.tags", "customer={meta.customer}&source=stream-recorder", "does not implement"}}) {
            String name = "attributes-" + System.nanoTime();
            Path recording = UploadApi.generateRecording(name, 10 * MIB);
            Files.writeString(recording.resolveSibling(recording.getFileName() + ".meta.json"), "{\"customer\":\"ACME\"}");
            ManagementApi.setSystemProperty(setting[0], setting[1]);
            try {
                assertFailsFastWith(UploadApi.queue(recording), setting[2]);
            } finally {
                ManagementApi.removeSystemProperty(setting[0]);
            }
            assertTrue(Files.exists(recording), "the recording stays for another try");
        }
    }

    @Test
    void ridesOutAnS3OutageInTheMiddleOfAnUpload() throws Exception {
        String name = "outage-" + System.nanoTime();
        Path recording = UploadApi.generateRecording(name, 160 * MIB);

        long execution = UploadApi.queue(recording);
        UploadApi.await(execution, s -> UploadApi.partsWritten(s) >= 2, Duration.ofSeconds(60));
        S3ProxyProcess.shared().stop();
        letTheOutageLast(Duration.ofSeconds(20));
        assertEquals("STARTED", UploadApi.status(execution).getString("batchStatus"), "the job waits out the outage");
        S3ProxyProcess.shared().start();

        JsonObject status = UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(120));
        assertEquals("COMPLETED", status.getString("batchStatus"), status.toString());
        assertStoredIdentically(name, recording);
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            ListMultipartUploadsResponse open = s3.listMultipartUploads(r -> r.bucket(S3ProxyProcess.bucket()).prefix(name));
            assertEquals(0, open.uploads().size(), "no multipart upload left open");
        }
    }

    @Test
    void failsFastWithAReasonWhenTheBucketIsMissing() throws Exception {
        String name = "nobucket-" + System.nanoTime();
        Path recording = UploadApi.generateRecording(name, 10 * MIB);
        Path bucket = Path.of(System.getProperty("s3proxy.dir"), "data", S3ProxyProcess.bucket());
        Path moved = bucket.resolveSibling("moved-away");
        Files.move(bucket, moved);
        try {
            assertFailsFastWith(UploadApi.queue(recording), "bucket does not exist");
        } finally {
            Files.move(moved, bucket);
        }
    }

    @Test
    void failsWithoutRetryingWhenTheCredentialsAreRefused() throws Exception {
        String name = "badcredentials-" + System.nanoTime();
        Path recording = UploadApi.generateRecording(name, 10 * MIB);
        S3ProxyProcess s3 = S3ProxyProcess.shared();
        s3.stop();
        s3.start("someone-else", "another-secret");
        try {
            assertFailsFastWith(UploadApi.queue(recording), "credentials");
        } finally {
            s3.stop();
            s3.start();
        }
    }

    @Test
    void abortsTheMultipartUploadWhenTheRecordingVanishesMidUpload() throws Exception {
        String name = "vanished-" + System.nanoTime();
        Path recording = UploadApi.generateRecording(name, 160 * MIB);
        S3ProxyProcess s3 = S3ProxyProcess.shared();

        long execution = UploadApi.queue(recording);
        UploadApi.await(execution, s -> UploadApi.partsWritten(s) >= 2, Duration.ofSeconds(60));
        s3.stop();
        Files.delete(recording);
        s3.start();

        JsonObject status = UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(90));
        assertEquals("FAILED", status.getString("batchStatus"));
        assertTrue(status.getString("exitStatus").contains("is gone"), status.toString());
        // The job's end listener aborts the upload right after the status turns FAILED.
        try (S3Client client = s3.client()) {
            Await.until("the job to abort its multipart upload (no orphan parts)", Duration.ofSeconds(10),
                    () -> client.listMultipartUploads(r -> r.bucket(S3ProxyProcess.bucket()).prefix(name)).uploads(),
                    List::isEmpty);
        }
    }

    /** S3 stays away this long: the outage is the subject, the job must neither fail nor finish during it. */
    private static void letTheOutageLast(Duration outage) throws InterruptedException {
        Thread.sleep(outage.toMillis());
    }

    /** The job ends FAILED with the reason in its exit status, without a single retry. */
    private static void assertFailsFastWith(long execution, String reason) throws Exception {
        JsonObject status = UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(30));
        assertEquals("FAILED", status.getString("batchStatus"));
        assertTrue(status.getString("exitStatus").contains(reason), status.toString());
        assertEquals(0, UploadApi.metric(status, "RETRY_WRITE_COUNT"), "no retries");
    }

    private static void assertStoredIdentically(String name, Path recording) throws Exception {
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            byte[] stored = s3.getObjectAsBytes(r -> r.bucket(S3ProxyProcess.bucket()).key(name + "/" + recording.getFileName()))
                    .asByteArray();
            assertEquals(Files.size(recording), stored.length);
            assertArrayEquals(UploadApi.sha256(recording), UploadApi.sha256(stored), "the object is the file, byte for byte");
            HeadObjectResponse head = s3.headObject(r -> r.bucket(S3ProxyProcess.bucket()).key(name + "/" + recording.getFileName())
                    .checksumMode(ChecksumMode.ENABLED));
            assertEquals(UploadApi.crc32c(recording), head.checksumCRC32C(), "S3 holds the file's full-object CRC32C");
            assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());
        }
        assertTrue(Files.readString(sidecar(recording)).contains("\"checksumCRC32C\":\"" + UploadApi.crc32c(recording) + "\""),
                "the verified checksum is kept with the recording");
    }

    private static Path sidecar(Path recording) {
        return recording.resolveSibling(recording.getFileName() + ".upload.json");
    }
}
