package io.streamrecorder.bench;

import io.streamrecorder.it.Browser;
import io.streamrecorder.it.RecordsDir;
import io.streamrecorder.it.UploadApi;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Prints upload figures against a running bin/run (its local S3 on 127.0.0.1:9000): the batch
 * job's throughput next to a raw SDK multipart upload of the same file, and the time from Stop to a
 * verified object for 1-minute recordings.
 * {@code mvn test-compile failsafe:integration-test -Dit.test=UploadBenchmark
 * -Drecords.dir=target/server/standalone/data/recordings [-Druns=3] [-Drecordings=3]}
 */
class UploadBenchmark {

    private static final long MIB = 1024 * 1024;
    private static final long PART = 8 * MIB;

    @Test
    void measureUploads() throws Exception {
        Properties credentials = new Properties();
        try (var in = Files.newInputStream(Path.of("target/local-s3/credentials.env"))) {
            credentials.load(in);
        }
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:9000")).region(Region.US_EAST_1)
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.getProperty("AWS_ACCESS_KEY_ID"), credentials.getProperty("AWS_SECRET_ACCESS_KEY"))))
                .build()) {
            for (int run = 1; run <= Integer.getInteger("runs", 3); run++) {
                throughput(s3, run);
            }
        }
        int recordings = Integer.getInteger("recordings", 3);
        List<Long> stopToVerified = new ArrayList<>();
        for (int run = 1; run <= recordings; run++) {
            stopToVerified.add(stopToVerifiedMillis(run));
        }
        if (stopToVerified.isEmpty()) {
            return;
        }
        Collections.sort(stopToVerified);
        System.out.printf("Stop -> verified object, 60 s recordings: %s ms, p50 %d ms%n", stopToVerified,
                stopToVerified.get(stopToVerified.size() / 2));
    }

    private static void throughput(S3Client s3, int run) throws Exception {
        String name = "bench-throughput-" + System.nanoTime();
        Path file = UploadApi.generateRecording(name, 512 * MIB);
        // Wait for the verified result on disk rather than polling the REST API, which would load the server.
        Path result = file.resolveSibling(file.getFileName() + ".upload.json");
        long start = System.nanoTime();
        UploadApi.queue(file);
        while (!Files.exists(result)) {
            if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                throw new AssertionError("the upload job did not finish");
            }
            Thread.sleep(5);
        }
        double job = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        rawMultipart(s3, file, "raw/" + file.getFileName());
        double raw = (System.nanoTime() - start) / 1e9;
        double size = Files.size(file) / (double) MIB;
        System.out.printf("run %d, 512 MiB: job %.0f MiB/s (%.2f s), raw SDK multipart %.0f MiB/s (%.2f s), job/raw %.2f%n",
                run, size / job, job, size / raw, raw, raw / job);
        Files.delete(file);
        Files.delete(result);
    }

    /** The SDK's multipart upload with the same integrity checks the job asks S3 for: CRC32C per part, full object. */
    private static void rawMultipart(S3Client s3, Path file, String key) throws Exception {
        String uploadId = s3.createMultipartUpload(r -> r.bucket("recordings").key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int number = 1; (number - 1) * PART < size; number++) {
                long offset = (number - 1) * PART;
                ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(PART, size - offset));
                while (bytes.hasRemaining()) {
                    channel.read(bytes, offset + bytes.position());
                }
                bytes.flip();
                String checksum = UploadApi.crc32c(bytes);
                int partNumber = number;
                String eTag = s3.uploadPart(r -> r.bucket("recordings").key(key).uploadId(uploadId).partNumber(partNumber)
                        .checksumCRC32C(checksum), RequestBody.fromByteBuffer(bytes)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).checksumCRC32C(checksum).build());
            }
        }
        s3.completeMultipartUpload(r -> r.bucket("recordings").key(key).uploadId(uploadId)
                .checksumType(ChecksumType.FULL_OBJECT).multipartUpload(m -> m.parts(parts)));
    }

    private static long stopToVerifiedMillis(int run) throws Exception {
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing("bench-stop-" + run + "-" + System.nanoTime(), Duration.ofSeconds(20));
            Thread.sleep(60_000);
            long stop = System.nanoTime();
            String fileName = browser.stopPublishing();
            Path result = RecordsDir.path().resolve(fileName + ".upload.json");
            while (!Files.exists(result)) {
                if (System.nanoTime() - stop > Duration.ofMinutes(2).toNanos()) {
                    throw new AssertionError("no verified upload of " + result.getFileName());
                }
                Thread.sleep(10);
            }
            long millis = (System.nanoTime() - stop) / 1_000_000;
            System.out.printf("recording %d: Stop -> verified object %d ms (%d bytes)%n", run, millis,
                    Files.size(result.resolveSibling(fileName)));
            return millis;
        }
    }
}
