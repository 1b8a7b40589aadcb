package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The browser changes its camera resolution mid-stream: the recording goes on in one clean file. */
class ResolutionChangeIT {

    @Test
    void keepsOnePlayableFileAcrossResolutionChanges() throws Exception {
        String name = "resize-" + System.nanoTime();
        String fileName;
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing(name, Duration.ofSeconds(20));
            Publishing.keepFor(Duration.ofSeconds(3));
            resize(browser, 320, 240);
            Publishing.keepFor(Duration.ofSeconds(3));
            resize(browser, 640, 480);
            Publishing.keepFor(Duration.ofSeconds(3));
            fileName = browser.stopPublishing();
        }
        String log = Files.readString(Path.of(System.getProperty("server.log")));
        assertTrue(log.contains("Recording of " + name + ": the browser now sends 320x240 instead of 640x480"),
                "the server received the lower resolution");
        assertTrue(log.contains("Recording of " + name + ": the browser now sends 640x480 instead of 320x240"),
                "and the original one again");
        MediaProbe probe = MediaProbe.of(RecordsDir.path().resolve(fileName));
        assertEquals("", probe.decodeErrors(), "decodes across the changes: " + probe);
        MediaProbe.StreamInfo video = probe.stream("video").orElseThrow();
        assertEquals(640, video.width(), "scaled to the first resolution");
        assertEquals(480, video.height());
        assertTrue(probe.durationSeconds() > 8.0, "no frozen or lost part: " + probe);
        assertTrue(video.avgFrameRate() > 27, "the frame rate holds: " + video);
    }

    /** What a page does when the user picks another resolution: constrain the live camera track. */
    private static void resize(Browser browser, int width, int height) {
        Object applied = browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const video = document.getElementById('localVideo').srcObject.getVideoTracks()[0];"
                + "video.applyConstraints({width: arguments[0], height: arguments[1]})"
                + "  .then(() => done(video.getSettings().width + 'x' + video.getSettings().height))"
                + "  .catch(e => done('failed: ' + e));", width, height);
        assertEquals(width + "x" + height, applied, "the camera took the new resolution");
    }
}
