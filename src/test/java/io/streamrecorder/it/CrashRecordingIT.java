package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            Thread.sleep(8_000);
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

    private static Path awaitFile(String streamName, String suffix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> files = List.of();
        while (System.nanoTime() < deadline) {
            files = RecordsDir.filesOf(streamName);
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(suffix)) {
                    return file;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + suffix + " for " + streamName + " within " + timeout + "; files: " + files);
    }
}
