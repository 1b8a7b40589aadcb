package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operators' REST API on the real server: who may call it, what each endpoint answers. */
class RestApiIT {

    private static final HttpClient HTTP = PlainHttp.client();

    @Test
    void asksForCredentialsAndTheRole() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "api/recordings"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), "a Basic challenge");

        assertEquals(401, send(new Operator(Operator.admin().user(), "wrong-password").request("api/recordings").GET())
                .statusCode(), "a wrong password");
        assertEquals(403, send(Operator.viewer().request("api/recordings").GET()).statusCode(), "a user without the role");
        assertEquals(200, send(Operator.admin().request("api/recordings").GET()).statusCode());

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), "the recording page stays open to everyone");

        HttpResponse<String> openApi = HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().startsWith("openapi: 3") && openApi.body().contains("/jobs/{executionId}/restart:"),
                "the API's description: " + openApi.body());
    }

    @Test
    void refusesStateChangesWithoutTheCsrfHeader() throws Exception {
        Path recording = UploadApi.generateRecording("csrf-" + System.nanoTime(), 1000);
        HttpRequest forged = HttpRequest.newBuilder(Operator.admin().request("api/recordings/" + recording.getFileName()).build(),
                (name, value) -> !name.equalsIgnoreCase("X-Requested-By")).DELETE().build();
        HttpResponse<String> refused = send(forged);
        assertEquals(403, refused.statusCode());
        assertError(refused, 403, "X-Requested-By");
        assertTrue(Files.exists(recording), "nothing was deleted");
    }

    @Test
    void listsGetsAndDeletesRecordingsWithErrorBodiesFor404() throws Exception {
        Path recording = UploadApi.generateRecording("rest-" + System.nanoTime(), 1000);
        String fileName = recording.getFileName().toString();
        JsonArray all = (JsonArray) json(send(Operator.admin().request("api/recordings").GET()));
        assertTrue(all.getValuesAs(JsonObject.class).stream().anyMatch(r -> r.getString("fileName").equals(fileName)),
                "the list has the recording");

        JsonObject one = (JsonObject) json(send(Operator.admin().request("api/recordings/" + fileName).GET()));
        assertEquals(1000, one.getJsonNumber("sizeBytes").longValue());
        assertEquals("RECORDED", one.getString("state"));
        assertTrue(one.getString("downloadPath").startsWith("records/" + fileName + "?expires="), one.toString());
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + one.getString("downloadPath"))))
                .statusCode(), "the API's link downloads the recording");

        assertError(send(Operator.admin().request("api/recordings/missing.mp4").GET()), 404, "missing.mp4");
        assertError(send(Operator.admin().request("api/recordings/..%2Fsecret.mp4").GET()), 404, "");

        assertEquals(204, send(Operator.admin().request("api/recordings/" + fileName).DELETE()).statusCode());
        assertFalse(Files.exists(recording));
        assertError(send(Operator.admin().request("api/recordings/" + fileName).DELETE()), 404, fileName);
    }

    @Test
    void queuesAnUploadAndShowsItsJob() throws Exception {
        Path recording = UploadApi.generateRecording("rest-job-" + System.nanoTime(), 2000);
        long execution = UploadApi.queue(recording);
        JsonObject done = UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(60));
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertEquals(recording.toAbsolutePath().normalize().toString(), done.getString("file"));

        JsonObject page = (JsonObject) json(send(Operator.admin().request("api/jobs?start=0&count=5").GET()));
        assertTrue(page.getInt("total") >= 1);
        assertTrue(page.getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                .anyMatch(job -> job.getJsonNumber("executionId").longValue() == execution), "newest first: " + page);

        JsonObject uploaded = (JsonObject) json(send(Operator.admin().request("api/recordings/" + recording.getFileName()).GET()));
        assertEquals("UPLOADED", uploaded.getString("state"), uploaded.toString());

        assertError(send(Operator.admin().request("api/jobs/" + execution + "/restart").POST(HttpRequest.BodyPublishers.noBody())),
                409, "cannot be restarted");
        assertError(send(Operator.admin().request("api/jobs/987654321").GET()), 404, "987654321");
        assertError(send(Operator.admin().request("api/jobs/987654321/abandon").POST(HttpRequest.BodyPublishers.noBody())),
                404, "987654321");
        assertError(send(Operator.admin().request("api/jobs?count=1000").GET()), 400, "count");
        assertError(send(Operator.admin().request("api/recordings/missing.mp4/upload").POST(HttpRequest.BodyPublishers.noBody())),
                404, "missing.mp4");
    }

    @Test
    void listsLiveStreamsAndStopsOne() throws Exception {
        String name = "rest-live-" + System.nanoTime();
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing(name, Duration.ofSeconds(20));
            // Over a second of media: the recording's duration is checked below.
            Publishing.keepFor(Duration.ofMillis(1_500));
            List<JsonObject> live = Await.until(name + " listed with frames received, their rate and bytes recorded",
                    Duration.ofSeconds(10), RestApiIT::liveStreams,
                    streams -> streams.stream().anyMatch(s -> receivingAndRecording(s, name)));
            JsonObject stream = live.stream().filter(s -> s.getString("name").equals(name)).findFirst().orElseThrow();
            assertTrue(stream.getBoolean("publishing"));
            assertTrue(stream.getString("clientAddress", "").matches("[0-9a-f.:\\[\\]]+:[0-9]+"),
                    "where the media comes from: " + stream);

            assertFalse(stream.getBoolean("paused"));

            assertEquals(204, post("api/streams/" + name + "/pause").statusCode(), "an operator pauses it");
            browser.awaitStatus("PAUSED", Duration.ofSeconds(5));
            assertTrue(liveStreams().stream().anyMatch(s -> s.getString("name").equals(name) && s.getBoolean("paused")
                    && s.containsKey("pausedSince")), "listed as paused");
            assertEquals(204, post("api/streams/" + name + "/pause").statusCode(), "pausing again changes nothing");
            assertEquals(204, post("api/streams/" + name + "/resume").statusCode(), "and resumes it");
            browser.awaitStatus("PUBLISHING", Duration.ofSeconds(5));

            assertEquals(202, send(Operator.admin().request("api/streams/" + name + "/stop")
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
            browser.awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
            String fileName = Browser.fileNameOf(browser.downloadUrl());
            JsonObject recorded = (JsonObject) json(send(Operator.admin().request("api/recordings/" + fileName).GET()));
            assertTrue(recorded.getJsonNumber("durationMs").longValue() >= 1000, "its duration: " + recorded);
            assertTrue(recorded.getString("posterPath").startsWith("records/" + fileName.replace(".mp4", ".jpg") + "?"),
                    recorded.toString());
            assertEquals(name, recorded.getString("streamName"));
        }
        assertError(send(Operator.admin().request("api/streams/" + name + "/stop").POST(HttpRequest.BodyPublishers.noBody())),
                404, name);
        assertError(post("api/streams/" + name + "/pause"), 404, name);
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return send(Operator.admin().request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static List<JsonObject> liveStreams() throws Exception {
        return ((JsonArray) json(send(Operator.admin().request("api/streams").GET()))).getValuesAs(JsonObject.class);
    }

    /** Whether {@code stream} is {@code name}'s, with video frames received at a real rate and bytes in its recording. */
    private static boolean receivingAndRecording(JsonObject stream, String name) {
        return stream.getString("name").equals(name) && stream.getJsonNumber("videoFrames").longValue() > 0
                && stream.getInt("width") > 0 && stream.getJsonNumber("framesPerSecond").doubleValue() > 10
                && stream.getJsonNumber("recordedBytes").longValue() > 0;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request.timeout(Duration.ofSeconds(30)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonStructure json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).read();
    }

    private static void assertError(HttpResponse<String> response, int status, String mentioned) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(status, error.getInt("status"), response.body());
        assertTrue(error.getString("message").contains(mentioned), response.body());
        assertFalse(error.getString("id").isEmpty());
    }
}
