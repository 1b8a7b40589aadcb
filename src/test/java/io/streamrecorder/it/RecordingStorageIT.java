package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The records directory's settings at work, on a node of the installation started for these tests
 * with its records on a small tmpfs and the settings each test needs: rotation into segments named
 * by a template with deletion after a verified upload; a disk that fills up mid-recording.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordingStorageIT {

    /** A node of its own, so the lane's server is neither restarted for these settings nor restored after them. */
    private static final int NODE_PORT_OFFSET = 100 + Lane.portOffset();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern KEPT = Pattern.compile("; (\\S+\\.mp4) keeps the (\\d+) s recorded");

    private static SmallDisk disk;
    private static WildFlyProcess node;

    @TempDir
    Path downloads;

    @BeforeAll
    static void mountSmallRecordsDisk() throws Exception {
        disk = new SmallDisk(Path.of("target/it-small-disk" + Lane.suffix()), 64);
        node = WildFlyProcess.secondNode(WildFlyProcess.home().getParent().resolve("it-node-storage" + Lane.suffix()),
                NODE_PORT_OFFSET, disk.path());
    }

    @AfterAll
    static void stopTheNode() throws Exception {
        try {
            node.stopIfRunning();
        } finally {
            disk.close();
        }
    }

    @Test
    @Order(1)
    void rotatesIntoSegmentsNamedByTheTemplateEachUploadedThenDeleted() throws Exception {
        restartWith(Map.of(
                "STREAMRECORDER_RECORDS_ROTATE_AFTER_SECONDS", "4",
                "STREAMRECORDER_RECORDS_FILE_NAME_TEMPLATE", "{streamName}_{startTime}_{endTime}_{sessionId}",
                "STREAMRECORDER_RECORDS_DELETE_AFTER_UPLOAD", "true"));
        String name = "rotating-" + System.nanoTime();
        List<String> segments;
        try (Browser browser = new Browser()) {
            browser.openRecordingPage(node.url());
            browser.startPublishing(name, Duration.ofSeconds(20));
            Publishing.keepFor(Duration.ofMillis(9_500));
            browser.stopPublishing();
            segments = browser.driver().findElements(By.cssSelector("#segmentList a")).stream()
                    .map(WebElement::getText).toList();
        }
        assertEquals(3, segments.size(), "4 s + 4 s + the rest of 9.5 s: " + segments);
        Pattern named = Pattern.compile(Pattern.quote(name) + "_(\\d{8}T\\d{6}Z)_(\\d{8}T\\d{6}Z)_[0-9a-f]{12}\\.mp4");
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            Matcher parts = named.matcher(segment);
            assertTrue(parts.matches(), "named by the template: " + segment);
            Path object = downloadObject(name + "/" + segment);
            MediaProbe probe = MediaProbe.of(object);
            assertEquals("", probe.decodeErrors(), segment + " decodes without errors");
            assertEquals(2, probe.streams().size(), "video and audio in " + segment + ": " + probe);
            if (i < 2) {
                assertEquals(4.0, probe.durationSeconds(), 0.15, "a full segment: " + probe);
            }
            long spanned = Duration.between(Instant.from(TIME.parse(parts.group(1))), Instant.from(TIME.parse(parts.group(2))))
                    .toSeconds();
            assertEquals(probe.durationSeconds(), spanned, 1.01, "end time minus start time in the name of " + segment);
            awaitDeleted(disk.path().resolve(segment));
        }
    }

    @Test
    @Order(2)
    void keepsWhatWasRecordedWhenTheDiskFillsAndGoesOnServing() throws Exception {
        restartWith(Map.of());
        // Just above the minimum: the recording starts, and fills the rest in some 20 s.
        disk.leaveFree(1024 * 1024 + 100 * 1024);
        try (Browser browser = new Browser()) {
            browser.openRecordingPage(node.url());
            String filling = "filling-" + System.nanoTime();
            browser.startPublishing(filling, Duration.ofSeconds(20));
            browser.awaitStatus("FAILED", Duration.ofSeconds(120));
            String reason = browser.element("statusReason").getText();
            assertTrue(reason.contains("disk full"), reason);
            Matcher kept = KEPT.matcher(reason);
            assertTrue(kept.find(), "the reason names the file that keeps the recording: " + reason);

            // Less than the 1 MiB minimum is left: a new recording is refused up front.
            browser.startPublishingExpecting("refused-" + System.nanoTime(), "FAILED", Duration.ofSeconds(20));
            assertTrue(browser.element("statusReason").getText().contains("disk full"), browser.element("statusReason").getText());

            disk.release();
            MediaProbe probe = MediaProbe.of(downloadObject(filling + "/" + kept.group(1)));
            assertEquals("", probe.decodeErrors(), "what the full disk kept decodes without errors: " + probe);
            assertTrue(probe.durationSeconds() >= 1.0, "holds what was recorded: " + probe);
            assertEquals(Long.parseLong(kept.group(2)), probe.durationSeconds(), 1.0, "as long as the reason said");

            browser.startPublishing("after-" + System.nanoTime(), Duration.ofSeconds(20));
            Publishing.keepFor(Duration.ofSeconds(3));
            browser.stopPublishing();
        }
        assertFalse(Files.exists(disk.path().resolve(".filler")));
    }

    private static void restartWith(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put("STREAMRECORDER_RECORDS_DIR", disk.path().toString());
        all.put("STREAMRECORDER_RECORDS_MIN_FREE_MIB", "1");
        node.stopIfRunning();
        node.start(all);
    }

    /** Waits for the object (uploads run after each file is finished) and saves it for ffprobe. */
    private Path downloadObject(String key) throws Exception {
        Path file = downloads.resolve(key.replace('/', '_'));
        String bucket = S3ProxyProcess.bucket();
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            // NoSuchKeyException until the upload is done.
            ResponseBytes<GetObjectResponse> object = Await.untilPresent("s3://" + bucket + "/" + key + " to appear",
                    Duration.ofSeconds(60), () -> Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key))));
            Files.write(file, object.asByteArray());
        }
        return file;
    }

    private static void awaitDeleted(Path file) throws InterruptedException {
        Await.until(file.getFileName() + " to be deleted after its upload", Duration.ofSeconds(30), () -> !Files.exists(file));
    }
}
