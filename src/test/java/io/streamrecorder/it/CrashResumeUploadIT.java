package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class CrashResumeUploadIT {

    private static final long MIB = 1024 * 1024;

    @Test
    void resumesAnUploadFromItsLastCheckpointAfterTheServerIsKilled() throws Exception {
        String name = "crash-" + System.nanoTime();
        Path recording = UploadApi.generateRecording(name, 320 * MIB);
        String key = name + "/" + recording.getFileName();

        long execution = UploadApi.queue(recording);
        long partsBeforeCrash = UploadApi.partsWritten(
                UploadApi.await(execution, s -> UploadApi.partsWritten(s) >= 3, Duration.ofSeconds(60)));
        WildFlyProcess server = WildFlyProcess.primary();
        server.kill();
        long logBefore = server.logSize();
        server.start();

        RecordsDir.awaitFile(recording.resolveSibling(recording.getFileName() + ".upload.json"), Duration.ofSeconds(120));

        String log = server.logSince(logBefore);
        assertTrue(log.contains("Upload job execution " + execution + " was interrupted; restarted"), "restarted at start-up");
        Matcher resumed = Pattern.compile("Resuming upload of " + Pattern.quote(key) + " after part (\\d+)").matcher(log);
        assertTrue(resumed.find(), "the restarted job resumes the multipart upload");
        // The part in flight when the server died may not have reached its checkpoint; all before it did.
        assertTrue(Integer.parseInt(resumed.group(1)) >= partsBeforeCrash - 1, "resumed after part " + resumed.group(1)
                + ", but " + partsBeforeCrash + " parts were written before the crash: it must not start over");

        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            byte[] stored = s3.getObjectAsBytes(r -> r.bucket(S3ProxyProcess.bucket()).key(key)).asByteArray();
            assertEquals(Files.size(recording), stored.length);
            assertArrayEquals(UploadApi.sha256(recording), UploadApi.sha256(stored), "the object is the file, byte for byte");
        }
    }
}
