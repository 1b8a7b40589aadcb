package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS ended at HAProxy, configured by the repository's server-config/haproxy file (its ports moved to
 * this lane's): the page publishes over wss:// and a WHIP client over https:// through it, and the
 * server names the client the proxy saw, which only the proxy may tell it. The proxy connects from
 * 127.0.0.2, the one trusted address, so that the test's own requests from 127.0.0.1 are a client's
 * that go straight to the server. And WildFly's own HTTPS listener serves the page and signalling.
 */
class ReverseProxyIT {

    private static final String PROXY_ADDRESS = "127.0.0.2";
    private static final String TRUSTED_PROXIES = "streamrecorder.http.trusted-proxies";
    private static final String FORGED = "198.51.100.23";
    private static final int HTTPS_PORT = 9443 + Lane.portOffset();
    private static final int HTTP_PORT = 9080 + Lane.portOffset();
    private static final String PROXIED = "https://127.0.0.1:" + HTTPS_PORT + "/stream-recorder/";
    private static final List<String> ACCEPTS_TEST_CERTIFICATE = List.of("--ignore-certificate-errors");

    private static HaproxyProcess haproxy;
    private static HttpClient https;

    @BeforeAll
    static void startProxy() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HaproxyProcess.BINARY), "HAProxy is not installed (bin/install-packages)");
        https = HttpClient.newBuilder().sslContext(TestKeyStore.trustingIt()).build();
        ManagementApi.setSystemProperty(TRUSTED_PROXIES, PROXY_ADDRESS);
        Path directory = Files.createDirectories(Path.of("target", "reverse-proxy" + Lane.suffix())).toAbsolutePath();
        Path pem = directory.resolve("stream-recorder.pem");
        TestKeyStore.writePem(pem);
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, configFor(pem));
        haproxy = HaproxyProcess.start(config, HTTPS_PORT);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        ManagementApi.removeSystemProperty(TRUSTED_PROXIES);
    }

    @Test
    void aPagePublishesOverWssThroughTheProxyAndTheServerNamesTheClientTheProxySaw() throws Exception {
        String name = "proxied-page-" + System.nanoTime();
        long logFrom = WildFlyProcess.primary().logSize();
        try (Browser browser = new Browser(ACCEPTS_TEST_CERTIFICATE)) {
            browser.openRecordingPage(PROXIED);
            assertTrue(browser.element("url").getAttribute("value").startsWith("wss://127.0.0.1:" + HTTPS_PORT + "/"),
                    "the page signals over wss through the proxy: " + browser.element("url").getAttribute("value"));
            browser.setStreamName(name);
            browser.setToken(Tokens.mint(name));
            browser.element("startButton").click();
            browser.awaitStatus("PUBLISHING", Duration.ofSeconds(20));
            Publishing.keepFor(Duration.ofSeconds(3));
            browser.element("stopButton").click();
            browser.awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
        }
        MediaProbe probe = MediaProbe.of(RecordsDir.awaitFinished(name, Duration.ofSeconds(30)));
        assertEquals("h264", probe.stream("video").orElseThrow().codecName(), probe.toString());
        assertTrue(probe.durationSeconds() > 2 && probe.durationSeconds() < 6, "about 3 s: " + probe);
        assertEquals("", probe.decodeErrors());
        // The proxy connects from 127.0.0.2; the browser reached the proxy from 127.0.0.1.
        String log = WildFlyProcess.primary().logSince(logFrom);
        assertTrue(log.contains("Stream " + name + " is publishing from 127.0.0.1 into "), log);
    }

    @Test
    void aWhipClientPublishesThroughTheProxy() throws Exception {
        String name = "proxied-whip-" + System.nanoTime();
        long logFrom = WildFlyProcess.primary().logSize();
        // The page on another origin (localhost) than the endpoint: the CORS preflight goes through the proxy too.
        try (WhipClient client = WhipClient.publish(new Browser(ACCEPTS_TEST_CERTIFICATE),
                PROXIED.replace("127.0.0.1", "localhost"), PROXIED, name, Tokens.mint(name))) {
            Await.until("the WHIP client to connect", Duration.ofSeconds(20), () -> "connected".equals(client.connectionState()));
            client.stop();
        }
        String log = WildFlyProcess.primary().logSince(logFrom);
        assertTrue(log.contains("Stream " + name + " is published over WHIP from 127.0.0.1"), log);
    }

    @Test
    void anXForwardedForFromAnyoneButTheProxyIsIgnored() throws Exception {
        String offer = offer();
        String direct = "direct-forged-" + System.nanoTime();
        String proxied = "proxied-forged-" + System.nanoTime();
        String untrusted = "untrusted-proxy-" + System.nanoTime();
        long logFrom = WildFlyProcess.primary().logSize();
        // Straight to WildFly's HTTP listener: the server believes no client about its address.
        whipPublishAndStop(PlainHttp.client(), Browser.serverUrl(), direct, offer);
        // Through the proxy: it replaces what the client claims with the address it saw.
        whipPublishAndStop(https, PROXIED, proxied, offer);
        // A proxy the server was not told to trust is a client like any other.
        ManagementApi.removeSystemProperty(TRUSTED_PROXIES);
        try {
            whipPublishAndStop(https, PROXIED, untrusted, offer);
        } finally {
            ManagementApi.setSystemProperty(TRUSTED_PROXIES, PROXY_ADDRESS);
        }
        String log = WildFlyProcess.primary().logSince(logFrom);
        assertTrue(log.contains("Stream " + direct + " is published over WHIP from 127.0.0.1"), log);
        assertTrue(log.contains("Stream " + proxied + " is published over WHIP from 127.0.0.1"), log);
        assertTrue(log.contains("Stream " + untrusted + " is published over WHIP from " + PROXY_ADDRESS), log);
        assertFalse(log.contains(FORGED), log);
    }

    @Test
    void theProxyTellsTheServerTheClientUsedHttpsAndSendsPlainHttpThere() throws Exception {
        String name = "proxied-token-" + System.nanoTime();
        HttpResponse<String> minted = https.send(Operator.admin().request(PROXIED, "api/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"streamName\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, minted.statusCode(), minted.body());
        assertEquals(PROXIED + "whip/" + name,
                Json.createReader(new StringReader(minted.body())).readObject().getString("whipUrl"),
                "the URL the server builds is the one the client can use");

        HttpResponse<String> plain = PlainHttp.client().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/stream-recorder/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(301, plain.statusCode());
        assertTrue(plain.headers().firstValue("Location").orElse("").startsWith("https://127.0.0.1:"), plain.headers().toString());
    }

    @Test
    void wildFlysOwnHttpsListenerServesThePageAndSignalling() throws Exception {
        String server = "https://127.0.0.1:" + (8443 + Lane.portOffset()) + "/stream-recorder/";
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(server)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("startButton"), page.body());
        WebSocket socket = https.newWebSocketBuilder().buildAsync(URI.create(server.replaceFirst("^https", "wss") + "signalling"),
                new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    /** A WHIP publish that is answered (so the server logs where it came from) and then deleted. */
    private static void whipPublishAndStop(HttpClient client, String serverUrl, String name, String offer) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(serverUrl + "whip/" + name))
                .header("Content-Type", "application/sdp").header("Authorization", "Bearer " + Tokens.mint(name))
                .header("X-Forwarded-For", FORGED).POST(HttpRequest.BodyPublishers.ofString(offer)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        URI session = URI.create(serverUrl).resolve(answer.headers().firstValue("Location").orElseThrow());
        assertEquals(200, client.send(HttpRequest.newBuilder(session).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
    }

    /** A real offer from the browser's fake devices. */
    private static String offer() {
        try (Browser browser = new Browser()) {
            browser.driver().get(Browser.serverUrl());
            return (String) browser.driver().executeAsyncScript("const done = arguments[0];"
                    + "navigator.mediaDevices.getUserMedia({audio: true, video: true}).then(async media => {"
                    + "  const pc = new RTCPeerConnection();"
                    + "  media.getTracks().forEach(track => pc.addTransceiver(track, {direction: 'sendonly'}));"
                    + "  const offer = await pc.createOffer(); await pc.setLocalDescription(offer); done(offer.sdp); });");
        }
    }

    /** The repository's configuration on this lane's ports, its log on standard output, its connections from 127.0.0.2. */
    private static String configFor(Path pem) throws Exception {
        String config = Files.readString(Path.of(System.getProperty("server.config.dir"), "haproxy", "stream-recorder.cfg"));
        config = replaceOnce(config, "log /dev/log local0", "log stdout format raw local0");
        config = replaceOnce(config, "bind :443 ssl crt /etc/haproxy/stream-recorder.pem",
                "bind 127.0.0.1:" + HTTPS_PORT + " ssl crt " + pem);
        config = replaceOnce(config, "bind :80\n", "bind 127.0.0.1:" + HTTP_PORT + "\n");
        return replaceOnce(config, "server wildfly 127.0.0.1:8080 ",
                "server wildfly 127.0.0.1:" + (8080 + Lane.portOffset()) + " source " + PROXY_ADDRESS + " ");
    }

    private static String replaceOnce(String config, String line, String replacement) {
        int at = config.indexOf(line);
        assertTrue(at >= 0 && config.indexOf(line, at + 1) < 0, "server-config/haproxy/stream-recorder.cfg has '"
                + line.strip() + "' once: the test moves it to its own ports");
        return config.substring(0, at) + replacement + config.substring(at + line.length());
    }
}
