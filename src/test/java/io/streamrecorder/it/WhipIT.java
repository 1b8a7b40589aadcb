package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * WHIP (RFC 9725): a client we did not write (Medooze's, from npm, in Chromium) publishes and its
 * stream is recorded and uploaded like a page's; every status code of the protocol, with offers a
 * real browser makes.
 */
class WhipIT {

    private static final HttpClient HTTP = PlainHttp.client();
    private static final String VP8_OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=rtpmap:96 VP8/90000\r\n";

    @Test
    void aWhipClientWeDidNotWriteIsRecordedAndUploadedLikeAPagePublish() throws Exception {
        String name = "whip-gst-" + System.nanoTime();
        try (WhipClient client = WhipClient.publish(name, "meta.encoder=gstreamer%20whip", Tokens.mint(name))) {
            awaitLive(name, client);
            assertEquals("connected", client.connectionState());
            Publishing.keepFor(Duration.ofSeconds(5));
            client.stop();
        }
        Path recording = RecordsDir.awaitFinished(name, Duration.ofSeconds(30));
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("h264", probe.stream("video").orElseThrow().codecName(), probe.toString());
        assertEquals(640, probe.stream("video").orElseThrow().width());
        assertEquals("aac", probe.stream("audio").orElseThrow().codecName(), probe.toString());
        assertTrue(probe.durationSeconds() > 4 && probe.durationSeconds() < 8, "about 5 s: " + probe);
        assertEquals("", probe.decodeErrors());
        RecordsDir.awaitFile(recording.resolveSibling(recording.getFileName() + ".upload.json"), Duration.ofSeconds(60));
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            assertEquals(Map.of("encoder", "gstreamer whip"), s3.headObject(r -> r.bucket(S3ProxyProcess.bucket())
                    .key(name + "/" + recording.getFileName())).metadata(), "metadata from the WHIP URL's query");
        }
    }

    @Test
    void refusesWhatTheProtocolSaysToRefuse() throws Exception {
        String name = "whip-codes-" + System.nanoTime();
        String token = Tokens.mint(name);

        HttpResponse<String> options = send(whip(name).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, options.statusCode());
        assertEquals("*", header(options, "Access-Control-Allow-Origin"));
        assertEquals("application/sdp", header(options, "Accept-Post"));
        assertTrue(header(options, "Access-Control-Allow-Headers").contains("Authorization"));

        assertEquals(415, send(whip(name).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode(), "not SDP");
        assertEquals(400, post(name, token, "hello").statusCode(), "not an offer");
        assertEquals(413, post(name, token, "v=0\r\n" + "a=x\r\n".repeat(20_000)).statusCode(), "a huge offer");
        HttpResponse<String> anonymous = post(name, null, VP8_OFFER);
        assertEquals(401, anonymous.statusCode(), "no token");
        assertEquals("Bearer realm=\"stream-recorder\"", header(anonymous, "WWW-Authenticate"));
        assertEquals(401, post(name, token + "x", VP8_OFFER).statusCode(), "a forged token");
        assertEquals(403, post(name + "-other", token, VP8_OFFER).statusCode(), "another stream's token");
        assertEquals(400, post("..hidden", token, VP8_OFFER).statusCode(), "a name the server refuses");
        HttpResponse<String> badMetadata = post(name + "?meta.Case=1", token, VP8_OFFER);
        assertEquals(400, badMetadata.statusCode(), "metadata S3 could not carry");
        assertTrue(badMetadata.body().contains("Metadata key 'Case' must be"), badMetadata.body());
        assertEquals(422, post(name, token, VP8_OFFER.replace("VP8", "H265")).statusCode(), "no codec the server decodes");
        assertEquals(405, send(whip(name).GET()).statusCode());
        assertEquals(404, send(whip(name + "/nosuchsession").DELETE()).statusCode());
        assertEquals(404, patch(name + "/nosuchsession", "*", "a=end-of-candidates\r\n").statusCode());

        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            @SuppressWarnings("unchecked")
            Map<String, Object> offer = (Map<String, Object>) browser.driver().executeAsyncScript(OFFER_SCRIPT);
            String sdp = (String) offer.get("sdp");
            HttpResponse<String> created = post(name, token, sdp);
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("application/sdp", header(created, "Content-Type"));
            assertTrue(created.body().contains("a=candidate:"), "the answer holds the server's candidates");
            String location = header(created, "Location");
            assertTrue(location.startsWith("/stream-recorder/whip/" + name + "/"), location);
            String session = location.substring(location.lastIndexOf('/') + 1);
            assertTrue(session.matches("[A-Za-z0-9._-]+\\.[0-9a-f]{32}"), "the node's name, a dot, 128 random bits: " + session);
            String etag = header(created, "ETag");
            assertNotNull(etag);

            String fragment = fragment((String) offer.get("ufrag"), (String) offer.get("pwd"), offer);
            assertEquals(415, send(whip(name + "/" + session).header("Content-Type", "application/sdp")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(fragment))).statusCode(), "candidates as the wrong type");
            assertEquals(412, patch(name + "/" + session, "\"not-this-one\"", fragment).statusCode(), "If-Match of another ICE session");
            assertEquals(422, patch(name + "/" + session, "*", fragment((String) offer.get("ufrag") + "x", "restartpwd0123456789abcd", offer))
                    .statusCode(), "an ICE restart");
            assertEquals(400, patch(name + "/" + session, etag, "garbage\r\n").statusCode(), "not an SDP fragment");
            assertEquals(204, patch(name + "/" + session, etag, fragment).statusCode(), "trickled candidates");
            assertEquals(400, patch(name + "/" + session, etag, "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=candidate:junk\r\n")
                    .statusCode(), "a candidate webrtc cannot read");

            browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "window.whipPc.setRemoteDescription({type: 'answer', sdp: arguments[0]}).then(() => done(''));", created.body());
            awaitLive(name, null);
            assertEquals(409, post(name, token, VP8_OFFER).statusCode(), "the name is publishing");
            // Nothing is recorded before the first stats report gives the receiver's delays.
            Publishing.keepFor(Duration.ofSeconds(1));

            assertEquals(200, send(whip(name + "/" + session).DELETE()).statusCode());
            assertEquals(404, send(whip(name + "/" + session).DELETE()).statusCode(), "a session is deleted once");
        }
        Path recording = RecordsDir.awaitFinished(name, Duration.ofSeconds(30));
        assertEquals("", MediaProbe.of(recording).decodeErrors());
    }

    @Test
    void namesTheIceServersInLinksAndLeavesNoRecordingWhenTheMediaNeverConnects() throws Exception {
        String name = "whip-unconnected-" + System.nanoTime();
        ManagementApi.setSystemProperty("streamrecorder.ice.connect-timeout-seconds", "3");
        ManagementApi.setSystemProperty("streamrecorder.ice.publisher-servers", "stun:198.51.100.5:3478,turn:198.51.100.5:3478");
        ManagementApi.setSystemProperty("streamrecorder.ice.turn-secret", UUID.randomUUID().toString());
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            @SuppressWarnings("unchecked")
            Map<String, Object> offer = (Map<String, Object>) browser.driver().executeAsyncScript(OFFER_SCRIPT);
            // The browser never hears the answer: it neither checks nor answers checks.
            HttpResponse<String> created = post(name, Tokens.mint(name), (String) offer.get("sdp"));
            assertEquals(201, created.statusCode(), created.body());
            List<String> links = created.headers().allValues("Link");
            assertEquals(2, links.size(), links.toString());
            assertEquals("<stun:198.51.100.5:3478>; rel=\"ice-server\"", links.get(0));
            assertTrue(links.get(1).matches("<turn:198\\.51\\.100\\.5:3478>; rel=\"ice-server\"; username=\"\\d+:" + name
                    + "\"; credential=\"[A-Za-z0-9+/]{27}=\"; credential-type=\"password\""), links.get(1));
            Await.until(name + " to end", Duration.ofSeconds(15), WhipIT::liveStreams,
                    live -> live.getValuesAs(JsonObject.class).stream().noneMatch(stream -> stream.getString("name").equals(name)));
            // Its .part was made when it was published: it goes once the recording is finished, with no file in its place.
            Await.until("no file of " + name, Duration.ofSeconds(15), () -> RecordsDir.filesOf(name), List::isEmpty);
        } finally {
            ManagementApi.removeSystemProperty("streamrecorder.ice.connect-timeout-seconds");
            ManagementApi.removeSystemProperty("streamrecorder.ice.publisher-servers");
            ManagementApi.removeSystemProperty("streamrecorder.ice.turn-secret");
        }
    }

    @Test
    void tokensAreMintedFromTheCommandLineAndTheApiForOperatorsOnly() throws Exception {
        String name = "whip-cli-" + System.nanoTime();
        ProcessBuilder command = new ProcessBuilder("bin/publish-token", name, "600").redirectErrorStream(true);
        command.environment().putAll(Map.of("ADMIN_USER", System.getProperty("admin.user"),
                "ADMIN_PASSWORD", System.getProperty("admin.password"),
                "STREAMRECORDER_URL", Browser.serverUrl().replaceFirst("/$", "")));
        Process cli = command.start();
        String token = new String(cli.getInputStream().readAllBytes()).strip();
        assertEquals(0, cli.waitFor(), token);
        assertTrue(token.startsWith(name + "."), token);
        HttpResponse<String> accepted = post(name, token, VP8_OFFER);
        assertEquals(400, accepted.statusCode(), "past the token check, webrtc refuses the bare offer: " + accepted.body());
        assertTrue(accepted.body().startsWith("The offer was not accepted"), accepted.body());

        assertEquals(400, Tokens.post("{\"streamName\":\"../x\"}").statusCode(), "a name the server refuses");
        assertEquals(400, Tokens.post("{\"streamName\":\"x\",\"lifetimeSeconds\":1e30}").statusCode(), "a lifetime out of range");
        assertEquals(400, Tokens.post("{\"streamName\":\"x\",\"lifetimeSeconds\":9999999}").statusCode(), "a lifetime too long");
        assertEquals(403, send(Operator.viewer().request("api/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"streamName\":\"x\"}"))).statusCode(), "not an operator");
    }

    /** Makes a send-only offer from the fake camera and microphone and gathers its candidates. */
    private static final String OFFER_SCRIPT = "const done = arguments[arguments.length - 1];"
            + "(async () => {"
            + "  const pc = new RTCPeerConnection(); window.whipPc = pc;"
            + "  const media = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 480}});"
            + "  media.getTracks().forEach(track => pc.addTransceiver(track, {direction: 'sendonly'}));"
            + "  const candidates = [];"
            + "  const gathered = new Promise(resolve => pc.onicecandidate = e => e.candidate ? candidates.push("
            + "      {candidate: e.candidate.candidate, mid: e.candidate.sdpMid}) : resolve());"
            + "  const offer = await pc.createOffer();"
            + "  await pc.setLocalDescription(offer);"
            + "  await gathered;"
            + "  const line = prefix => offer.sdp.split('\\r\\n').find(l => l.startsWith(prefix)).substring(prefix.length);"
            + "  done({sdp: offer.sdp, candidates, ufrag: line('a=ice-ufrag:'), pwd: line('a=ice-pwd:')});"
            + "})().catch(e => done({error: String(e)}));";

    /** The browser's candidates as RFC 8840 wants them, per media section. */
    @SuppressWarnings("unchecked")
    private static String fragment(String ufrag, String pwd, Map<String, Object> offer) {
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) offer.get("candidates");
        Map<String, List<String>> byMid = candidates.stream().collect(Collectors.groupingBy(c -> (String) c.get("mid"),
                java.util.TreeMap::new, Collectors.mapping(c -> (String) c.get("candidate"), Collectors.toList())));
        StringBuilder fragment = new StringBuilder("a=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + pwd + "\r\n");
        byMid.forEach((mid, lines) -> {
            fragment.append("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:").append(mid).append("\r\n");
            lines.forEach(line -> fragment.append("a=").append(line).append("\r\n"));
        });
        return fragment.toString();
    }

    private static HttpRequest.Builder whip(String path) {
        return HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "whip/" + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> post(String name, String token, String sdp) throws Exception {
        HttpRequest.Builder request = whip(name).header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(sdp));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static HttpResponse<String> patch(String path, String ifMatch, String fragment) throws Exception {
        return send(whip(path).header("Content-Type", "application/trickle-ice-sdpfrag").header("If-Match", ifMatch)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(fragment)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonArray liveStreams() throws Exception {
        return Json.createReader(new StringReader(send(Operator.admin().request("api/streams").GET()).body())).readArray();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Waits until the API lists the stream as publishing; a failure shows what the WHIP client's page logged. */
    private static void awaitLive(String name, WhipClient client) throws Exception {
        try {
            Await.until(name + " to be listed as publishing", Duration.ofSeconds(20), WhipIT::liveStreams,
                    live -> live.getValuesAs(JsonObject.class).stream()
                            .anyMatch(stream -> stream.getString("name").equals(name) && stream.getBoolean("publishing")));
        } catch (AssertionError notLive) {
            throw client == null ? notLive
                    : new AssertionError(notLive.getMessage() + "; the WHIP client's page logged:\n" + client.output(), notLive);
        }
    }
}
