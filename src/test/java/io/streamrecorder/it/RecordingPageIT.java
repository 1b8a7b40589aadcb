package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
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
        String href;
        double publishedSeconds;
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.setStreamName(name);
            browser.setToken(Tokens.mint(name));

            long start = System.nanoTime();
            browser.element("startButton").click();
            browser.awaitStatus("PUBLISHING", Duration.ofSeconds(20));
            long publishing = System.nanoTime();
            LOG.info(() -> "Start -> PUBLISHING: " + (publishing - start) / 1_000_000 + " ms");

            Publishing.keepFor(Duration.ofSeconds(10));
            browser.element("stopButton").click();
            publishedSeconds = (System.nanoTime() - publishing) / 1e9;
            browser.awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
            browser.await(Duration.ofSeconds(5)).withMessage("the download link shows after UNPUBLISHED")
                    .until(d -> browser.element("downloadLink").isDisplayed());

            href = browser.element("downloadLink").getAttribute("href");
            assertTrue(href.startsWith(Browser.serverUrl() + "records/" + name + "-") && href.contains(".mp4?expires="),
                    "the link points at this stream's recording: " + href);
            String unsigned = href.substring(0, href.indexOf('?'));
            assertEquals(403, get(unsigned, null).statusCode(), "no download without a signed link");
            assertEquals(403, get(href.replace("signature=", "signature=x"), null).statusCode(), "a forged signature");
            assertEquals(403, get(href.replaceFirst("expires=\\d+", "expires=1"), null).statusCode(), "an expired link");
            HttpResponse<byte[]> whole = get(href, null);
            assertEquals(200, whole.statusCode(), "GET " + href);
            assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElse(""));
            file = whole.body();
            assertTrue(file.length > 10_000, "a 10 s recording is more than a few bytes, was " + file.length);

            HttpResponse<byte[]> range = get(href, "bytes=100-199");
            assertEquals(206, range.statusCode(), "a Range request gets partial content");
            assertEquals("video/mp4", range.headers().firstValue("Content-Type").orElse(""), "Content-Type of a range");
            assertEquals("bytes 100-199/" + file.length, range.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(Arrays.copyOfRange(file, 100, 200), range.body(), "the range holds the right bytes");
            assertEquals(416, get(href, "bytes=" + file.length + "-").statusCode(), "a range past the end");

            String fileName = Browser.fileNameOf(href);
            HttpResponse<String> listed = HttpClient.newHttpClient().send(Operator.admin().request("api/recordings/" + fileName)
                    .build(), HttpResponse.BodyHandlers.ofString());
            String posterPath = Json.createReader(new StringReader(listed.body())).readObject().getString("posterPath");
            assertEquals(403, get(href.replace(".mp4?", ".jpg?"), null).statusCode(), "a recording's link does not open its poster");
            HttpResponse<byte[]> poster = get(Browser.serverUrl() + posterPath, null);
            assertEquals(200, poster.statusCode(), "the recording has a poster");
            assertEquals("image/jpeg", poster.headers().firstValue("Content-Type").orElse(""));
            Files.write(downloads.resolve("poster.jpg"), poster.body());
        }
        MediaProbe.StreamInfo picture = MediaProbe.of(downloads.resolve("poster.jpg")).stream("video").orElseThrow();
        assertEquals("mjpeg", picture.codecName(), "the poster is a JPEG");
        assertEquals(320, picture.width(), "a 320 px wide thumbnail");
        assertEquals(240, picture.height(), "with the recording's aspect ratio");

        Path downloaded = downloads.resolve("recording.mp4");
        Files.write(downloaded, file);
        MediaProbe probe = MediaProbe.of(downloaded);
        LOG.info(() -> "Recorded " + probe);

        assertEquals(1, probe.count("video"), "one video stream: " + probe);
        assertEquals(1, probe.count("audio"), "one audio stream: " + probe);
        MediaProbe.StreamInfo video = probe.stream("video").orElseThrow();
        MediaProbe.StreamInfo audio = probe.stream("audio").orElseThrow();
        assertEquals("h264", video.codecName());
        assertEquals("aac", audio.codecName());
        assertEquals(640, video.width(), "width (the browser sends 640x480 unless it lowers the resolution)");
        assertEquals(480, video.height(), "height");
        assertTrue(video.avgFrameRate() > 28 && video.avgFrameRate() < 32, "about 30 fps, was " + video.avgFrameRate());
        assertEquals(publishedSeconds, probe.durationSeconds(), 0.5, "duration matches the time published");
        assertEquals("", probe.decodeErrors(), "ffmpeg decodes without errors");
        assertTrue(MediaProbe.indexBeforeMedia(downloaded), "faststart");
        assertEquals(video.startTime(), audio.startTime(), 0.1, "audio and video start together");

        String fileName = URI.create(href).getPath().replaceFirst(".*/", "");
        Path stored = RecordsDir.path().resolve(fileName);
        assertTrue(Files.isRegularFile(stored), "the recording is in the server's records directory: " + stored
                + "; there: " + RecordsDir.filesOf(name));
        assertEquals(file.length, Files.size(stored), "the download is the whole stored file");
    }

    private static HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (range != null) {
            request.header("Range", range);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
