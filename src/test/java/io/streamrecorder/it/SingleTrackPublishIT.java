package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Audio-only and video-only publishes, through the JS library the page uses, record what was sent. */
class SingleTrackPublishIT {

    @ParameterizedTest
    @CsvSource({"true,false,audio", "false,true,video"})
    void recordsTheOnlyTrackPublished(boolean audio, boolean video, String kind) throws Exception {
        String name = kind + "-only-" + System.nanoTime();
        String fileName;
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.driver().executeScript(
                    "const name = arguments[0], constraints = {audio: arguments[1], video: arguments[2]}, token = arguments[3];"
                    + "window.singleTrack = {status: ''};"
                    + "const session = StreamRecorder.createSession({urlServer: StreamRecorder.defaultServerUrl()});"
                    + "const stream = session.createStream({name, constraints, token, record: true});"
                    + "['PUBLISHING', 'UNPUBLISHED', 'FAILED'].forEach(s => stream.on(s, st => {"
                    + "  window.singleTrack = {status: s, reason: st.getInfo(), record: st.getRecordInfo()}; }));"
                    + "window.singleTrackStream = stream; stream.publish();", name, audio, video, Tokens.mint(name));
            awaitStatus(browser, "PUBLISHING");
            Publishing.keepFor(Duration.ofSeconds(4));
            browser.driver().executeScript("window.singleTrackStream.stop();");
            awaitStatus(browser, "UNPUBLISHED");
            fileName = (String) browser.driver().executeScript("return window.singleTrack.record.fileName;");
        }
        MediaProbe probe = MediaProbe.of(RecordsDir.path().resolve(fileName));
        assertEquals(1, probe.streams().size(), "only the " + kind + " track: " + probe);
        assertEquals(kind, probe.streams().get(0).codecType());
        assertEquals("", probe.decodeErrors());
        assertTrue(probe.durationSeconds() > 3.0 && probe.durationSeconds() < 5.5, "about 4 s: " + probe);
    }

    private static void awaitStatus(Browser browser, String status) {
        browser.await(Duration.ofSeconds(30)).withMessage(() -> "stream status " + status + " expected, was "
                + browser.driver().executeScript("return JSON.stringify(window.singleTrack);"))
                .until(d -> status.equals(browser.driver().executeScript("return window.singleTrack.status;")));
    }
}
