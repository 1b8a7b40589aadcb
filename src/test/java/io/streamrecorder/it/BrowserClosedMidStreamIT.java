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
        long publishing;
        try {
            browser.openRecordingPage();
            browser.startPublishing(name, Duration.ofSeconds(20));
            publishing = System.nanoTime();
            Thread.sleep(5_000);
        } finally {
            // No Stop: driver.quit() takes the browser process away with its socket and peer connection.
            browser.close();
        }
        double publishedSeconds = (System.nanoTime() - publishing) / 1e9;

        Path recording = awaitFinishedRecording(name, Duration.ofSeconds(30));
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("", probe.decodeErrors(), "ffmpeg decodes " + recording + " without errors");
        assertEquals(1, probe.count("video"), "one video stream: " + probe);
        assertEquals(1, probe.count("audio"), "one audio stream: " + probe);
        assertTrue(probe.durationSeconds() >= 3.0 && probe.durationSeconds() <= publishedSeconds + 1.0,
                "holds most of the " + publishedSeconds + " s published, was " + probe.durationSeconds());
    }

    /** The stream's one finished .mp4, once no .part of it is left. */
    private static Path awaitFinishedRecording(String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> files = List.of();
        while (System.nanoTime() < deadline) {
            // Beside a recording the server may also write <file>.hook.json and <file>.upload.json.
            files = RecordsDir.filesOf(name);
            List<Path> partial = files.stream().filter(f -> f.getFileName().toString().endsWith(".part")).toList();
            List<Path> finished = files.stream().filter(f -> f.getFileName().toString().endsWith(".mp4")).toList();
            if (partial.isEmpty() && finished.size() == 1) {
                return finished.get(0);
            }
            assertTrue(finished.size() <= 1, "one recording of " + name + ", found " + finished);
            Thread.sleep(200);
        }
        throw new AssertionError("no finished recording of " + name + " within " + timeout + "; files: " + files);
    }
}
