package io.streamrecorder.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Medooze's WHIP client (npm {@code whip-whep}, fetched by the build), a WHIP publisher we did not
 * write, running in headless Chromium with the fake camera and microphone. The page it runs in is
 * served from {@code localhost} and publishes to {@code 127.0.0.1}: another origin, so every request
 * goes through CORS as it would from a site embedding it.
 */
final class WhipClient implements AutoCloseable {

    private static final String PUBLISH = "const [url, token, done] = arguments;"
            + "(async () => {"
            + "  const pc = new RTCPeerConnection();"
            + "  const media = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 480}});"
            + "  media.getTracks().forEach(track => pc.addTransceiver(track, {direction: 'sendonly'}));"
            + "  const client = new WHIPClient();"
            + "  window.whip = {client, pc};"
            + "  await client.publish(pc, url, token || undefined);"
            + "  done('');"
            + "})().catch(e => done(String(e)));";

    private final Browser browser;

    private WhipClient(Browser browser) {
        this.browser = browser;
    }

    /** Publishes to {@code /whip/<streamName>} with {@code token} (none when null); returns once the server answered. */
    static WhipClient publish(String streamName, String token) throws IOException {
        return publish(new Browser(), Browser.serverUrl().replace("127.0.0.1", "localhost"), Browser.serverUrl(),
                streamName, token);
    }

    /** The same with {@code query} on the endpoint's URL, e.g. {@code meta.customer=acme}. */
    static WhipClient publish(String streamName, String query, String token) throws IOException {
        return publish(streamName + "?" + query, token);
    }

    /**
     * The same in {@code browser} (closed with the client), from a page of {@code pageUrl} to the
     * application at {@code serverUrl}.
     */
    static WhipClient publish(Browser browser, String pageUrl, String serverUrl, String streamName, String token)
            throws IOException {
        try {
            browser.driver().get(pageUrl);
            String library = Files.readString(Path.of(System.getProperty("whip.client.js")))
                    .replace("export class WHIPClient", "window.WHIPClient = class WHIPClient");
            browser.driver().executeScript(library);
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Object failure = browser.driver().executeAsyncScript(PUBLISH, serverUrl + "whip/" + streamName, token);
            if (!"".equals(failure)) {
                throw new IllegalStateException("the WHIP client failed: " + failure + "\n" + browser.console());
            }
            return new WhipClient(browser);
        } catch (RuntimeException | IOException e) {
            browser.close();
            throw e;
        }
    }

    /** The client's peer connection state: new, connecting, connected, failed, closed. */
    String connectionState() {
        return (String) browser.driver().executeScript("return window.whip.pc.connectionState;");
    }

    /** Stops as the client's users do: it sends DELETE to its session. */
    void stop() {
        Object failure = browser.driver().executeAsyncScript(
                "const done = arguments[0]; window.whip.client.stop().then(() => done(''), e => done(String(e)));");
        if (!"".equals(failure)) {
            throw new IllegalStateException("the WHIP client could not stop: " + failure);
        }
    }

    /** What the page logged, for failure messages. */
    String output() {
        return browser.console();
    }

    @Override
    public void close() {
        browser.close();
    }
}
