package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CrashRecordingIT {

    @Test
    void recoversARecordingCutShortByKillMinus9AndUploadsIt() throws Exception {
        String name = "killed-" + System.nanoTime();
        double recordedSeconds;
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing(name, Duration.ofSeconds(20));
            long publishing = System.nanoTime();
            Publishing.keepFor(Duration.ofSeconds(8));
            WildFlyProcess.primary().kill();
            recordedSeconds = (System.nanoTime() - publishing) / 1e9;
        }
        WildFlyProcess.primary().start();

        Path recording = awaitFile(name, ".mp4", Duration.ofSeconds(60));
        assertTrue(Files.exists(recording.resolveSibling(recording.getFileName() + ".recovered.json")), "marked as recovered");
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("", probe.decodeErrors(), "the recovered file decodes without errors: " + probe);
        assertTrue(MediaProbe.indexBeforeMedia(recording), "recovered as a faststart MP4");
        assertEquals(1, probe.count("video"));
        assertEquals(1, probe.count("audio"));
        assertTrue(probe.durationSeconds() >= recordedSeconds - 2.0,
                "holds the " + recordedSeconds + " s recorded minus at most 2 s, was " + probe.durationSeconds());
        awaitFile(name, ".mp4.upload.json", Duration.ofSeconds(60));
    }

    /** The stream's file whose name ends in {@code suffix}, once there is one. */
    private static Path awaitFile(String streamName, String suffix, Duration timeout) throws InterruptedException {
        Predicate<Path> named = file -> file.getFileName().toString().endsWith(suffix);
        List<Path> files = Await.until("a " + suffix + " among the files of " + streamName, timeout,
                () -> RecordsDir.filesOf(streamName), found -> found.stream().anyMatch(named));
        return files.stream().filter(named).findFirst().orElseThrow();
    }
}
