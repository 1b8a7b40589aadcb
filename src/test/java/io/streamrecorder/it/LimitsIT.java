package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static final HttpClient HTTP = HttpClient.newHttpClient();
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

    /** A real offer from the browser's fake devices, which nobody will ever answer. */
    private static String offerFrom(Browser browser) {
        return (String) browser.driver().executeAsyncScript("const done = arguments[0];"
                + "navigator.mediaDevices.getUserMedia({audio: true, video: true}).then(async media => {"
                + "  const pc = new RTCPeerConnection();"
                + "  media.getTracks().forEach(track => pc.addTransceiver(track, {direction: 'sendonly'}));"
                + "  const offer = await pc.createOffer(); await pc.setLocalDescription(offer); done(offer.sdp); });");
    }
}
