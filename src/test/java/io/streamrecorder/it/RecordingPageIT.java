package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;

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
            assertPlaysWhereThePreviewWas(browser, publishedSeconds);
            for (int width : new int[] {375, 1000, 1280}) {
                assertReadsWellAt(browser, width);
            }

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
            HttpResponse<String> listed = PlainHttp.client().send(Operator.admin().request("api/recordings/" + fileName)
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

    /** The player replaces the preview, reaches canplay, seeks to the middle through the signed link and plays on. */
    private static void assertPlaysWhereThePreviewWas(Browser browser, double publishedSeconds) {
        assertFalse(browser.element("localVideo").isDisplayed(), "the preview is gone after Stop");
        assertTrue(browser.element("player").isDisplayed(), "the player shows the recording");
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object played = browser.driver().executeAsyncScript(PLAY_FROM_THE_MIDDLE);
        LOG.info(() -> "Player: " + played);
        assertTrue(played instanceof Map, "the player answered: " + played);
        Map<?, ?> result = (Map<?, ?>) played;
        double duration = ((Number) result.get("duration")).doubleValue();
        double seekedTo = ((Number) result.get("seekedTo")).doubleValue();
        double playedTo = ((Number) result.get("playedTo")).doubleValue();
        assertEquals(publishedSeconds, duration, 0.5, "the player sees the whole recording");
        assertEquals(duration / 2, seekedTo, 0.5, "it seeks to the middle");
        assertTrue(playedTo > seekedTo + 0.4 && playedTo < duration, "and plays on from there: " + result);
    }

    private static final String PLAY_FROM_THE_MIDDLE = """
            const done = arguments[arguments.length - 1];
            const player = document.getElementById('player');
            const fail = reason => done('failed: ' + reason + ' (error ' + (player.error && player.error.code) + ')');
            player.addEventListener('error', () => fail('media error'));
            const whenReady = player.readyState >= 3 ? Promise.resolve()
                : new Promise(resolve => player.addEventListener('canplay', resolve, {once: true}));
            whenReady.then(() => new Promise(resolve => {
                player.addEventListener('seeked', resolve, {once: true});
                player.currentTime = player.duration / 2;
            })).then(() => {
                const seekedTo = player.currentTime;
                player.muted = true;
                return player.play().then(() => new Promise(resolve => setTimeout(resolve, 1000)))
                    .then(() => done({duration: player.duration, seekedTo: seekedTo, playedTo: player.currentTime}));
            }).catch(e => fail(String(e)));
            """;

    /**
     * At {@code width} px: every input within the card, hints under their inputs, labels in a column
     * narrower than the inputs' (side by side) or above them (a phone). Writes the screenshot to
     * target/ for a person to look at.
     */
    private static void assertReadsWellAt(Browser browser, int width) throws Exception {
        browser.driver().manage().window().setSize(new Dimension(width, 900));
        Rectangle card = browser.driver().findElement(By.tagName("main")).getRect();
        for (String input : new String[] {"url", "streamName", "token"}) {
            Rectangle box = browser.element(input).getRect();
            assertTrue(box.getX() >= card.getX() && box.getX() + box.getWidth() <= card.getX() + card.getWidth(),
                    input + " lies within the card at " + width + " px: " + box.getX() + "+" + box.getWidth() + " in "
                            + card.getX() + "+" + card.getWidth());
        }
        Rectangle token = browser.element("token").getRect();
        Rectangle tokenHint = browser.element("tokenHint").getRect();
        Rectangle tokenLabel = browser.driver().findElement(
                By.cssSelector("label[for=token]")).getRect();
        assertEquals(token.getX(), tokenHint.getX(), "the token's hint starts under the token at " + width + " px");
        assertTrue(tokenHint.getY() > token.getY(), "below it");
        if (width >= 1000) {
            assertTrue(tokenLabel.getWidth() < token.getWidth() / 2 && tokenLabel.getY() >= token.getY() - token.getHeight(),
                    "labels beside the inputs, in the narrower column, at " + width + " px");
        } else {
            assertTrue(tokenLabel.getY() + tokenLabel.getHeight() <= token.getY(), "labels above the inputs at " + width + " px");
        }
        Rectangle player = browser.element("player").getRect();
        assertTrue(player.getX() + player.getWidth() <= card.getX() + card.getWidth(), "the player fits the card");
        byte[] screenshot = ((TakesScreenshot) browser.driver())
                .getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "recording-page-" + width + ".png"), screenshot);
    }

    private static HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (range != null) {
            request.header("Range", range);
        }
        return PlainHttp.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
