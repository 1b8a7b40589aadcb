package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits on hostile or careless clients, set small on the running server: two streams at once,
 * one per address, signalling sockets idle for 3 s. Beyond each, a clear refusal and nothing else
 * disturbed. Every client of the test runs on 127.0.0.1; the test trusts that address as a proxy, so
 * that a client's X-Forwarded-For can stand for other addresses.
 */
class LimitsIT {

    private static final HttpClient HTTP = PlainHttp.client();
    /** Set on the running server as system properties: settings are read at each publish, request and new socket. */
    private static final Map<String, String> SMALL_LIMITS = Map.of("streamrecorder.limits.max-publishes", "2",
            "streamrecorder.limits.max-publishes-per-address", "1", "streamrecorder.limits.signalling-idle-seconds", "3",
            "streamrecorder.http.trusted-proxies", "127.0.0.1");

    @BeforeAll
    static void setSmallLimits() throws Exception {
        for (Map.Entry<String, String> limit : SMALL_LIMITS.entrySet()) {
            ManagementApi.setSystemProperty(limit.getKey(), limit.getValue());
        }
    }

    @AfterAll
    static void removeSmallLimits() throws Exception {
        for (String name : SMALL_LIMITS.keySet()) {
            ManagementApi.removeSystemProperty(name);
        }
    }

    @Test
    void aSecondStreamFromOneAddressAndAThirdStreamAtAllAreRefused() throws Exception {
        String first = "limit-first-" + System.nanoTime();
        try (WhipClient publisher = WhipClient.publish(first, Tokens.mint(first)); Browser second = new Browser()) {
            second.openRecordingPage();
            String secondName = "limit-second-" + System.nanoTime();
            // Refused at once, before anything starts: counted by the address of its request, not of its media.
            second.startPublishingExpecting(secondName, "FAILED", Duration.ofSeconds(10));
            assertTrue(second.element("statusReason").getText().contains("Too many streams publish from your address (limit 1)"),
                    second.element("statusReason").getText());
            assertEquals(List.of(), RecordsDir.filesOf(secondName), "nothing recorded for a refused publish");
            String again = "limit-again-" + System.nanoTime();
            HttpResponse<String> tooMany = HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "whip/" + again))
                    .header("Content-Type", "application/sdp").header("Authorization", "Bearer " + Tokens.mint(again))
                    .POST(HttpRequest.BodyPublishers.ofString(offerFrom(second))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, tooMany.statusCode(), tooMany.body());
            assertEquals("30", tooMany.headers().firstValue("Retry-After").orElse(null));
            assertEquals("connected", publisher.connectionState(), "the first stream is undisturbed");

            // A publish that never connects still holds its place: with it, the server is full. It comes from
            // another address, as the trusted proxy says.
            try (SignallingClient pending = new SignallingClient(Map.of("X-Forwarded-For", "198.51.100.1"))) {
                String pendingName = "limit-pending-" + System.nanoTime();
                pending.send(Json.createObjectBuilder().add("type", "publish").add("streamName", pendingName)
                        .add("token", Tokens.mint(pendingName)).add("sdp", offerFrom(second)).build().toString());
                SignallingClient.Message answer = assertInstanceOf(SignallingClient.Message.class, pending.next(Duration.ofSeconds(10)));
                assertEquals("answer", answer.json().getString("type"), answer.toString());
                HttpResponse<String> full = health("ready");
                assertEquals(503, full.statusCode(), "a full server is not ready for another publish: " + full.body());
                assertTrue(full.body().contains("at its limit of 2 streams"), full.body());

                String third = "limit-third-" + System.nanoTime();
                HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "whip/" + third))
                        .header("Content-Type", "application/sdp").header("Authorization", "Bearer " + Tokens.mint(third))
                        .header("X-Forwarded-For", "198.51.100.2")
                        .POST(HttpRequest.BodyPublishers.ofString(offerFrom(second))).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("The server is at its limit of 2 streams publishing at once; try later\n", refused.body());
                assertEquals("30", refused.headers().firstValue("Retry-After").orElse(null));
            }
            assertEquals("connected", publisher.connectionState(), "the first stream is still undisturbed");
            publisher.stop();
        }
    }

    /**
     * WildFly's suspend drains the node: new publishes are refused with a reason clients act on, the
     * live stream goes on and is stopped by its publisher (its WHIP DELETE still served), its file is
     * finished, and only then is the server suspended, the console's event stream ended so that the
     * suspend need not wait for it; resume takes publishes again.
     */
    @Test
    void aSuspendedServerDrainsItsLiveStreamAndRefusesNewOnes() throws Exception {
        assertEquals(200, health("ready").statusCode(), health("ready").body());
        String live = "drain-live-" + System.nanoTime();
        try (WhipClient publisher = WhipClient.publish(live, Tokens.mint(live)); Browser page = new Browser()) {
            page.openRecordingPage();
            CompletableFuture<HttpResponse<Stream<String>>> consoleEvents = HTTP.sendAsync(Operator.admin()
                    .request("api/events").header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            Iterator<String> events = consoleEvents.get(10, TimeUnit.SECONDS).body().iterator();
            // Returns at once; the server stays in its first phase, still serving requests, while the stream is live.
            ManagementApi.execute(Json.createObjectBuilder().add("operation", "suspend").add("suspend-timeout", 0).build().toString());
            HttpResponse<String> draining = health("ready");
            assertEquals(503, draining.statusCode(), draining.body());
            assertTrue(draining.body().contains("draining"), draining.body());
            assertEquals(200, health("live").statusCode(), "a draining node still records: " + health("live").body());

            String refused = "drain-refused-" + System.nanoTime();
            HttpResponse<String> whip = HTTP.send(HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "whip/" + refused))
                    .header("Content-Type", "application/sdp").header("Authorization", "Bearer " + Tokens.mint(refused))
                    .POST(HttpRequest.BodyPublishers.ofString(offerFrom(page))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, whip.statusCode(), whip.body());
            assertEquals("server draining\n", whip.body());
            assertEquals("30", whip.headers().firstValue("Retry-After").orElse(null));
            // The page retries once on a new connection, which reaches this server again here.
            page.startPublishingExpecting(refused, "FAILED", Duration.ofSeconds(15));
            assertEquals("server draining", page.element("statusReason").getText());
            assertEquals(List.of(), RecordsDir.filesOf(refused), "nothing recorded for a refused publish");

            assertEquals("connected", publisher.connectionState(), "the live stream goes on");
            Publishing.keepFor(Duration.ofSeconds(2));
            publisher.stop();
            RecordsDir.awaitFinished(live, Duration.ofSeconds(20));
            Await.until("the server to be suspended once its live stream has finished", Duration.ofSeconds(20),
                    () -> "SUSPENDED".equals(suspendState()));
            CompletableFuture<Boolean> eventsEnded = CompletableFuture.supplyAsync(() -> {
                boolean hello = false;
                while (events.hasNext()) {
                    hello |= events.next().startsWith("event: hello");
                }
                return hello;
            });
            assertTrue(eventsEnded.get(10, TimeUnit.SECONDS), "the console's event stream was open, and the server ended it");
        } finally {
            ManagementApi.execute(Json.createObjectBuilder().add("operation", "resume").build().toString());
        }
        Await.until("the resumed server to be ready", Duration.ofSeconds(10), () -> health("ready").statusCode() == 200);
        try (Browser again = new Browser()) {
            again.openRecordingPage();
            again.startPublishing("drain-after-" + System.nanoTime(), Duration.ofSeconds(20));
            // Nothing is recorded before the first stats report gives the receiver's delays.
            Publishing.keepFor(Duration.ofSeconds(1));
            again.stopPublishing();
        }
    }

    /** A drain that outlasts its timeout stops the streams still live: their pages hear UNPUBLISHED, their files are finished. */
    @Test
    void aDrainTimeoutStopsTheStreamsStillLive() throws Exception {
        String name = "drain-timeout-" + System.nanoTime();
        ManagementApi.setSystemProperty("streamrecorder.drain.timeout-seconds", "2");
        try (Browser page = new Browser()) {
            page.openRecordingPage();
            page.startPublishing(name, Duration.ofSeconds(20));
            ManagementApi.execute(Json.createObjectBuilder().add("operation", "suspend").add("suspend-timeout", 0).build().toString());
            page.awaitStatus("UNPUBLISHED", Duration.ofSeconds(20));
            RecordsDir.awaitFinished(name, Duration.ofSeconds(20));
            Await.until("the server to be suspended once the stopped stream has finished", Duration.ofSeconds(20),
                    () -> "SUSPENDED".equals(suspendState()));
        } finally {
            ManagementApi.execute(Json.createObjectBuilder().add("operation", "resume").build().toString());
            ManagementApi.removeSystemProperty("streamrecorder.drain.timeout-seconds");
        }
    }

    @Test
    void aPublishLeftPausedEndsAfterTheMaximumPause() throws Exception {
        String name = "paused-" + System.nanoTime();
        ManagementApi.setSystemProperty("streamrecorder.recording.max-pause-seconds", "2");
        try (Browser page = new Browser()) {
            page.openRecordingPage();
            page.startPublishing(name, Duration.ofSeconds(20));
            long publishing = System.nanoTime();
            Publishing.keepFor(Duration.ofSeconds(1));
            page.element("pauseButton").click();
            page.awaitStatus("PAUSED", Duration.ofSeconds(5));
            long paused = System.nanoTime();
            page.awaitStatus("UNPUBLISHED", Duration.ofSeconds(10));
            assertTrue(System.nanoTime() - paused > 1_500_000_000L, "ended by the limit, not at once");
            Path recording = RecordsDir.awaitFinished(name, Duration.ofSeconds(20));
            // Media flows a little before the page shows PUBLISHING; nothing of the pause is in the file.
            double recorded = MediaProbe.of(recording).durationSeconds();
            assertTrue(recorded > 0.8 && recorded < (paused - publishing) / 1e9 + 1.0,
                    "what came before the pause, " + recorded + " s");
        } finally {
            ManagementApi.removeSystemProperty("streamrecorder.recording.max-pause-seconds");
        }
    }

    @Test
    void aSocketThatPublishesNothingIsClosedWhenIdle() throws Exception {
        try (SignallingClient idle = new SignallingClient()) {
            long opened = System.nanoTime();
            // Closing early would be the bug; closing late only says the machine is busy, so the upper bound is generous.
            SignallingClient.Reply reply = Await.untilPresent("the server to close a socket that publishes nothing",
                    Duration.ofSeconds(20), () -> Optional.ofNullable(idle.next(Duration.ZERO)));
            long seconds = Duration.ofNanos(System.nanoTime() - opened).toSeconds();
            SignallingClient.Closed closed = assertInstanceOf(SignallingClient.Closed.class, reply);
            assertEquals(1008, closed.code());
            assertEquals("Idle for 3 s without publishing", closed.reason());
            assertTrue(seconds >= 2, "closed after about 3 s, not before 2 s; was " + seconds);
        }
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing("limit-idle-" + System.nanoTime(), Duration.ofSeconds(20));
            // Twice the idle limit: a publishing page's socket must outlive it.
            Publishing.keepFor(Duration.ofSeconds(6));
            assertEquals("PUBLISHING", browser.status(), "a publishing page's socket is never idle");
            browser.stopPublishing();
        }
    }

    /** The server's readiness or liveness ({@code ready}, {@code live}) at the management interface. */
    private static HttpResponse<String> health(String check) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(System.getProperty("management.url").replace("/management", "/health/" + check)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String suspendState() throws Exception {
        return ((JsonString) ManagementApi.execute(Json.createObjectBuilder().add("operation", "read-attribute")
                .add("name", "suspend-state").build().toString())).getString();
    }

    /** A real offer from the browser's fake devices, which nobody will ever answer. */
    private static String offerFrom(Browser browser) {
        return (String) browser.driver().executeAsyncScript("const done = arguments[0];"
                + "navigator.mediaDevices.getUserMedia({audio: true, video: true}).then(async media => {"
                + "  const pc = new RTCPeerConnection();"
                + "  media.getTracks().forEach(track => pc.addTransceiver(track, {direction: 'sendonly'}));"
                + "  const offer = await pc.createOffer(); await pc.setLocalDescription(offer); done(offer.sdp); });");
    }
}
