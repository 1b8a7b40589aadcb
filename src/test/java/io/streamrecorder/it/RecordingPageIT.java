package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingPageIT {

    private static final Logger LOG = Logger.getLogger(RecordingPageIT.class.getName());

    @TempDir
    Path downloads;

    @Test
    void recordsTenSecondsFromThePageIntoAPlayableMp4OfferedForDownload() throws Exception {
        String name = "page-" + System.nanoTime();
        byte[] file;
        double publishedSeconds;
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.setStreamName(name);

            long start = System.nanoTime();
            browser.element("startButton").click();
            browser.awaitStatus("PUBLISHING", Duration.ofSeconds(20));
            long publishing = System.nanoTime();
            LOG.info(() -> "Start -> PUBLISHING: " + (publishing - start) / 1_000_000 + " ms");

            Thread.sleep(10_000);
            browser.element("stopButton").click();
            publishedSeconds = (System.nanoTime() - publishing) / 1e9;
            browser.awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
            browser.await(Duration.ofSeconds(5)).until(d -> browser.element("downloadLink").isDisplayed());

            String href = browser.element("downloadLink").getAttribute("href");
            HttpResponse<byte[]> whole = get(href, null);
            assertEquals(200, whole.statusCode());
            assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElse(""));
            file = whole.body();

            HttpResponse<byte[]> range = get(href, "bytes=100-199");
            assertEquals(206, range.statusCode(), "a Range request gets partial content");
            assertEquals("bytes 100-199/" + file.length, range.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(Arrays.copyOfRange(file, 100, 200), range.body());
            assertEquals(416, get(href, "bytes=" + file.length + "-").statusCode());
        }

        Path downloaded = downloads.resolve("recording.mp4");
        Files.write(downloaded, file);
        MediaProbe probe = MediaProbe.of(downloaded);
        LOG.info(() -> "Recorded " + probe);

        assertEquals(1, probe.count("video"), "one video stream");
        assertEquals(1, probe.count("audio"), "one audio stream");
        MediaProbe.StreamInfo video = probe.stream("video").orElseThrow();
        MediaProbe.StreamInfo audio = probe.stream("audio").orElseThrow();
        assertEquals("h264", video.codecName());
        assertEquals("aac", audio.codecName());
        assertEquals(640, video.width());
        assertEquals(480, video.height());
        assertTrue(video.avgFrameRate() > 28 && video.avgFrameRate() < 32, "about 30 fps, was " + video.avgFrameRate());
        assertEquals(publishedSeconds, probe.durationSeconds(), 0.5, "duration matches the time published");
        assertEquals("", probe.decodeErrors(), "ffmpeg decodes without errors");
        assertEquals(video.startTime(), audio.startTime(), 0.1, "audio and video start together");

        assertTrue(RecordsDir.filesOf(name).stream().anyMatch(f -> f.getFileName().toString().endsWith(".mp4")),
                "the recording is in the server's records directory");
    }

    private static HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (range != null) {
            request.header("Range", range);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
