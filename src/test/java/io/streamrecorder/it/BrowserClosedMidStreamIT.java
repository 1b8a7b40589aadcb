package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserClosedMidStreamIT {

    @Test
    void finalisesAPlayableRecordingWhenTheBrowserVanishes() throws Exception {
        String name = "vanish-" + System.nanoTime();
        Browser browser = new Browser();
        try {
            browser.openRecordingPage();
            browser.setStreamName(name);
            browser.element("startButton").click();
            browser.awaitStatus("PUBLISHING", Duration.ofSeconds(20));
            Thread.sleep(5_000);
        } finally {
            // No Stop: the browser process goes away with its socket and peer connection.
            browser.close();
        }

        Path recording = awaitFinishedRecording(name, Duration.ofSeconds(30));
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("", probe.decodeErrors(), "ffmpeg decodes without errors");
        assertEquals(1, probe.count("video"));
        assertEquals(1, probe.count("audio"));
        assertTrue(probe.durationSeconds() >= 4.0, "holds the 5 s published, was " + probe.durationSeconds());
    }

    private static Path awaitFinishedRecording(String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> files = List.of();
        while (System.nanoTime() < deadline) {
            files = RecordsDir.filesOf(name);
            if (files.size() == 1 && files.get(0).getFileName().toString().endsWith(".mp4")) {
                return files.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished recording of " + name + " within " + timeout + "; files: " + files);
    }
}
