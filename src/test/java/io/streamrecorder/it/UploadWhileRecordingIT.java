package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@code upload.mode=while-recording} on a node of its own: parts reach S3 while the page publishes,
 * Stop sends only the first part (its header now the finished index) and the rest, and the object
 * is the finished file byte for byte, as an S3 client we did not write (awscli) reads it with its
 * CRC32C. Killed mid-recording, the node continues the same multipart upload after its restart.
 */
class UploadWhileRecordingIT {

    private static final Logger LOG = Logger.getLogger(UploadWhileRecordingIT.class.getName());
    private static final int NODE_PORT_OFFSET = 100 + Lane.portOffset();
    private static final Map<String, String> SETTINGS = Map.of(
            "STREAMRECORDER_UPLOAD_MODE", "while-recording",
            "STREAMRECORDER_UPLOAD_PART_SIZE_MIB", "5",
            // Each recording goes on in a new file past this size: the first test crosses a segment boundary.
            "STREAMRECORDER_RECORDS_ROTATE_AFTER_MIB", "12");
    private static final long MIB = 1024 * 1024;
    private static final long PART = 5 * MIB;
    private static final Pattern AT_THE_END = Pattern.compile(
            "(\\S+\\.mp4): (\\d+) of its (\\d+) bytes were handed to the upload while it was recorded; at its end (\\d+) bytes, of which (\\d+)");
    /** The longest the parts take to catch up once S3 is back: the retry's back-off (16 s after a 30 s outage) and the parts. */
    private static final Duration CAUGHT_UP = Duration.ofSeconds(30);
    private static final Pattern FINISHED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*Recording (\\S+\\.mp4) finished: \\d+ ms of media for (\\d+) ms published",
            Pattern.MULTILINE);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern DROPPED = Pattern.compile("Recording (\\S+\\.mp4) finished: .*, (\\d+) samples dropped so far");

    private static WildFlyProcess node;
    /** A camera of noise: recorded at several Mbit/s, it fills a 5 MiB part every few seconds. */
    private static List<String> noisyCamera;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTheNode() throws Exception {
        Path build = WildFlyProcess.home().getParent();
        Path clip = build.resolve("noise" + Lane.suffix() + ".y4m");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=640x480:rate=30,noise=alls=40:allf=t", "-t", "2", "-pix_fmt", "yuv420p", clip.toString())
                .redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertEquals(0, ffmpeg.waitFor(), output);
        noisyCamera = List.of("--use-file-for-fake-video-capture=" + clip);
        node = WildFlyProcess.secondNode(build.resolve("it-node-live" + Lane.suffix()), NODE_PORT_OFFSET,
                build.resolve("it-records-live" + Lane.suffix()).toAbsolutePath());
        node.start(SETTINGS);
    }

    @AfterAll
    static void stopTheNode() {
        node.stopIfRunning();
    }

    /**
     * Parts go up while the page publishes; S3 goes away for 30 s and the parts catch up when it is
     * back, while recording goes on undisturbed; a segment boundary finishes one file's upload
     * while the next one's starts; at Stop only the first part and the rest go up.
     */
    @Test
    void sendsPartsWhileRecordingRidesOutAnOutageAndSendsOnlyTheHeaderAndTheRestAtStop() throws Exception {
        String name = "live-" + System.nanoTime();
        long logFrom = node.logSize();
        long publishedFrom;
        long stoppedAt;
        LocalDateTime s3Back;
        String lastFile;
        try (Browser browser = new Browser(noisyCamera); S3Client s3 = S3ProxyProcess.shared().client()) {
            browser.openRecordingPage(node.url());
            browser.startPublishing(name, Duration.ofSeconds(20));
            publishedFrom = System.nanoTime();
            awaitParts(s3, name, 1);
            S3ProxyProcess.shared().stop();
            try {
                Publishing.keepFor(Duration.ofSeconds(30));
            } finally {
                S3ProxyProcess.shared().start();
                s3Back = LocalDateTime.now();
            }
            // On into the next segment, whatever the bitrate the machine's load leaves the camera, and
            // for long enough after the outage that the parts have caught up.
            Await.until("a second segment of " + name, Duration.ofSeconds(120), Duration.ofMillis(250),
                    () -> segmentsOf(name), segments -> segments >= 2);
            Duration untilCaughtUp = Duration.between(LocalDateTime.now(), s3Back.plus(CAUGHT_UP));
            Publishing.keepFor(untilCaughtUp.isNegative() ? Duration.ZERO : untilCaughtUp);
            Publishing.keepFor(Duration.ofSeconds(3));
            stoppedAt = System.nanoTime();
            lastFile = browser.stopPublishing();
        }
        double publishedSeconds = (stoppedAt - publishedFrom) / 1e9;
        Path last = node.recordsDir().resolve(lastFile);
        Await.until("the verified upload of " + lastFile, Duration.ofSeconds(120), Duration.ofMillis(20),
                () -> Files.exists(resultOf(last)), Boolean::booleanValue);
        double stopToVerifiedSeconds = (System.nanoTime() - stoppedAt) / 1e9;

        List<Path> segments = RecordsDir.filesOf(node.recordsDir(), name).stream()
                .filter(f -> f.toString().endsWith(".mp4")).toList();
        assertTrue(segments.size() >= 2, "the recording crossed a segment boundary: " + segments);
        String log = node.logSince(logFrom);
        Map<String, LocalDateTime> finishedAt = new HashMap<>();
        Map<String, Double> publishedInto = new HashMap<>();
        Matcher finished = FINISHED.matcher(log);
        while (finished.find()) {
            finishedAt.put(finished.group(2), LocalDateTime.parse(finished.group(1), LOG_TIME));
            publishedInto.put(finished.group(2), Long.parseLong(finished.group(3)) / 1000.0);
        }
        double recordedSeconds = 0;
        for (Path segment : segments) {
            RecordsDir.awaitFile(resultOf(segment), Duration.ofSeconds(60));
            double seconds = assertObjectIsTheFile(name + "/" + segment.getFileName(), segment);
            // Each file holds what was published into it, the outage's seconds too.
            assertEquals(publishedInto.get(segment.getFileName().toString()), seconds, 0.5, segment + " plays as long as"
                    + " it was published into");
            recordedSeconds += seconds;
        }
        // The page says PUBLISHING a moment after the server starts recording: the files may be a little longer.
        assertTrue(recordedSeconds >= publishedSeconds - 1, "recording went on through the outage: " + recordedSeconds
                + " s recorded for " + publishedSeconds + " s published");
        Matcher dropped = DROPPED.matcher(log);
        while (dropped.find()) {
            assertEquals("0", dropped.group(2), "the encoder never waited for the upload: " + dropped.group());
        }
        Matcher atTheEnd = AT_THE_END.matcher(log);
        int ends = 0;
        long sentWhileRecording = 0;
        while (atTheEnd.find()) {
            ends++;
            long whileRecording = Long.parseLong(atTheEnd.group(2));
            long size = Long.parseLong(atTheEnd.group(3));
            long atStop = Long.parseLong(atTheEnd.group(4));
            long twice = Long.parseLong(atTheEnd.group(5));
            sentWhileRecording += whileRecording;
            assertEquals(Files.size(node.recordsDir().resolve(atTheEnd.group(1))), size);
            // What was left at the end: the first part again, and, once the parts had caught up after the
            // outage, less than a part and a fragment after the last. (A segment the outage spans goes up at its end.)
            assertTrue(twice <= PART + MIB, "only the first part goes twice: " + atTheEnd.group());
            if (finishedAt.get(atTheEnd.group(1)).isAfter(s3Back.plus(CAUGHT_UP))) {
                assertTrue(atStop - twice < PART + MIB, "every whole part went up while recording: " + atTheEnd.group());
            }
            assertEquals(size - whileRecording + twice, atStop, "nothing but the first part goes again: " + atTheEnd.group());
            if (atTheEnd.group(1).equals(lastFile)) {
                LOG.info(() -> String.format("Uploaded while recording: %d of %d bytes before Stop; at Stop %d bytes (%d of"
                        + " them again); Stop to verified object %.2f s", whileRecording, size, atStop, twice,
                        stopToVerifiedSeconds));
            }
        }
        assertEquals(segments.size(), ends, "every segment was uploaded while it was recorded");
        assertTrue(sentWhileRecording >= 2 * PART, "parts went up before Stop, through the outage: " + sentWhileRecording);
    }

    @Test
    void aNodeKilledMidRecordingCompletesTheSameUploadAfterItsRestart() throws Exception {
        String name = "live-killed-" + System.nanoTime();
        String uploadId;
        try (Browser browser = new Browser(noisyCamera); S3Client s3 = S3ProxyProcess.shared().client()) {
            browser.openRecordingPage(node.url());
            browser.startPublishing(name, Duration.ofSeconds(20));
            awaitParts(s3, name, 2);
            uploadId = uploadsOf(s3, name).get(0).uploadId();
            node.kill();
        }
        long logFrom = node.logSize();
        node.start(SETTINGS);
        Path recording = RecordsDir.awaitFinished(node.recordsDir(), name, Duration.ofSeconds(60));
        RecordsDir.awaitFile(resultOf(recording), Duration.ofSeconds(120));

        String log = node.logSince(logFrom);
        String key = name + "/" + recording.getFileName();
        assertTrue(log.contains("Resuming upload of " + key), "the restarted job goes on with its multipart upload");
        assertFalse(log.contains("while it is recorded, upload id"), "no second multipart upload: " + log);
        assertTrue(Files.exists(recording.resolveSibling(recording.getFileName() + ".recovered.json")), "recovered");
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            assertTrue(uploadsOf(s3, name).isEmpty(), "upload " + uploadId + " was completed, none is left open");
        }
        assertObjectIsTheFile(key, recording);
    }

    /** The recording's files, finished or being written (beside each, its upload's forward file and sidecars). */
    private static long segmentsOf(String name) throws IOException {
        return RecordsDir.filesOf(node.recordsDir(), name).stream()
                .filter(f -> f.toString().endsWith(".mp4") || f.toString().endsWith(".mp4.part")).count();
    }

    private static Path resultOf(Path recording) {
        return recording.resolveSibling(recording.getFileName() + ".upload.json");
    }

    /** The part numbers S3 holds of the stream's one multipart upload, once there are at least {@code count}. */
    private static List<Integer> awaitParts(S3Client s3, String name, int count) throws InterruptedException {
        return Await.until(count + " parts of " + name + " in S3 while it is recorded", Duration.ofSeconds(90),
                Duration.ofMillis(250), () -> {
                    List<MultipartUpload> uploads = uploadsOf(s3, name);
                    return uploads.isEmpty() ? List.<Integer>of() : s3.listParts(r -> r.bucket(S3ProxyProcess.bucket())
                            .key(uploads.get(0).key()).uploadId(uploads.get(0).uploadId())).parts().stream()
                            .map(part -> part.partNumber()).toList();
                }, parts -> parts.size() >= count);
    }

    private static List<MultipartUpload> uploadsOf(S3Client s3, String name) {
        return s3.listMultipartUploads(r -> r.bucket(S3ProxyProcess.bucket()).prefix(name + "/")).uploads();
    }

    /** Read back with awscli, its CRC32C checked on the way: the finished file, byte for byte, and it plays. */
    private double assertObjectIsTheFile(String key, Path recording) throws Exception {
        Path object = dir.resolve("object.mp4");
        Files.deleteIfExists(object);
        ProcessBuilder command = new ProcessBuilder("/usr/bin/aws", "s3api", "get-object", "--bucket",
                S3ProxyProcess.bucket(), "--key", key, "--checksum-mode", "ENABLED", "--endpoint-url",
                S3ProxyProcess.shared().endpoint(), "--region", "us-east-1", object.toString()).redirectErrorStream(true);
        command.environment().putAll(S3ProxyProcess.credentialsEnvironment());
        command.environment().put("AWS_CONFIG_FILE", "/dev/null");
        command.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process aws = command.start();
        String output = new String(aws.getInputStream().readAllBytes());
        assertEquals(0, aws.waitFor(), output);
        JsonObject head = Json.createReader(new StringReader(output)).readObject();
        assertEquals(crc32c(recording), head.getString("ChecksumCRC32C", ""), "the object's CRC32C is the file's: " + output);
        assertArrayEquals(Files.readAllBytes(recording), Files.readAllBytes(object), "the object is the finished file");
        MediaProbe probe = MediaProbe.of(object);
        assertEquals("", probe.decodeErrors(), "the object plays: " + probe);
        assertTrue(MediaProbe.indexBeforeMedia(object), "a faststart MP4");
        return probe.durationSeconds();
    }

    private static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(file));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
