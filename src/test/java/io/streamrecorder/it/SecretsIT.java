package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.PlainHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets never leave the server: after publishes with good and forged tokens, failed logins and
 * an upload, neither the server's log nor any page or API answer an operator sees holds the S3
 * credentials, the signing secret, a password or a publish token.
 */
class SecretsIT {

    private static final HttpClient HTTP = PlainHttp.client();

    @Test
    void noSecretReachesTheLogTheConsoleOrAnError() throws Exception {
        String name = "secrets-" + System.nanoTime();
        String token = Tokens.mint(name);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        List<String> seen = new ArrayList<>();

        // A forged token, one for another stream and a good one, over WHIP and the signalling socket.
        seen.add(whip(name, token.substring(0, token.length() - 2) + "xx").body());
        seen.add(whip(name + "-other", token).body());
        try (SignallingClient socket = new SignallingClient()) {
            socket.send("{\"type\":\"publish\",\"streamName\":\"" + name + "-ws\",\"token\":\"" + token + "\",\"sdp\":\"v=0\"}");
            seen.add(String.valueOf(socket.next(Duration.ofSeconds(10))));
        }
        try (WhipClient client = WhipClient.publish(name, token)) {
            Publishing.keepFor(Duration.ofSeconds(2));
            client.stop();
        }
        // Failed logins, with the real password of another user and a made-up one.
        for (String password : List.of(System.getProperty("viewer.password"), "Not-the-password-1")) {
            seen.add(HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "api/recordings"))
                    .header("Authorization", basic(System.getProperty("admin.user"), password)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        long execution = UploadApi.queue(UploadApi.generateRecording(name + "-upload", 6 * 1024 * 1024));
        UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(60));

        for (String path : List.of("api/recordings", "api/jobs?start=0&count=100", "api/streams", "api/jobs/" + execution,
                "admin/", "admin/console.js", "openapi", "")) {
            HttpResponse<String> page = HTTP.send(Operator.admin().request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), path);
            seen.add(page.body());
        }

        Map<String, String> secrets = Map.of(
                "the S3 secret key", System.getProperty("s3.credential"),
                "the signing secret", System.getProperty("signing.secret"),
                "the admin password", System.getProperty("admin.password"),
                "the viewer password", System.getProperty("viewer.password"),
                "the TLS key store's password", System.getProperty("tls.password"),
                "the publish token's signature", signature);
        String log = Files.readString(WildFlyProcess.primary().serverLog(), StandardCharsets.UTF_8);
        String console = readIfThere(WildFlyProcess.home().resolveSibling("server-console.log"));
        secrets.forEach((what, secret) -> {
            assertTrue(secret != null && secret.length() >= 8, what + " is set for the test");
            assertFalse(log.contains(secret), what + " is in server.log");
            assertFalse(console.contains(secret), what + " is in the console log");
            seen.forEach(answer -> assertFalse(answer.contains(secret), what + " is in an answer: " + answer));
        });
        assertTrue(log.contains(name), "the log does show the test's streams");
    }

    private static HttpResponse<String> whip(String name, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "whip/" + name))
                .header("Content-Type", "application/sdp").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\n"
                        + "a=rtpmap:96 VP8/90000\r\n")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String readIfThere(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
