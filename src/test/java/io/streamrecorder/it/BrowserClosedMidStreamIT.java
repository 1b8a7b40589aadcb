package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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
            Publishing.keepFor(Duration.ofSeconds(5));
        } finally {
            // No Stop: driver.quit() takes the browser process away with its socket and peer connection.
            browser.close();
        }
        double publishedSeconds = (System.nanoTime() - publishing) / 1e9;

        Path recording = RecordsDir.awaitFinished(name, Duration.ofSeconds(30));
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("", probe.decodeErrors(), "ffmpeg decodes " + recording + " without errors");
        assertEquals(1, probe.count("video"), "one video stream: " + probe);
        assertEquals(1, probe.count("audio"), "one audio stream: " + probe);
        assertTrue(probe.durationSeconds() >= 3.0 && probe.durationSeconds() <= publishedSeconds + 1.0,
                "holds most of the " + publishedSeconds + " s published, was " + probe.durationSeconds());
    }
}
