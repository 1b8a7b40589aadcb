package io.streamrecorder.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Several WHIP publishes from one headless Chromium: Medooze's client ({@link WhipClient}), one
 * peer connection each, all sending the one fake camera and microphone. Cheaper than a browser per
 * publisher where a test needs many at once. The page is served from {@code localhost}, the
 * endpoint is at {@code 127.0.0.1}: every request goes through CORS.
 */
final class WhipPublishers implements AutoCloseable {

    private static final String PUBLISH = "const [url, name, token, done] = arguments;"
            + "(async () => {"
            + "  window.whips = window.whips || {};"
            + "  window.media = window.media || await navigator.mediaDevices.getUserMedia("
            + "      {audio: true, video: {width: 640, height: 480}});"
            + "  const pc = new RTCPeerConnection();"
            + "  window.media.getTracks().forEach(track => pc.addTransceiver(track, {direction: 'sendonly'}));"
            + "  const client = new WHIPClient();"
            + "  window.whips[name] = {client, pc, token};"
            + "  await client.publish(pc, url + 'whip/' + name, token || undefined);"
            + "  done('');"
            + "})().catch(e => done(String(e)));";

    /** Stops as the client would, but answers the DELETE's status, which Medooze's stop() does not look at. */
    private static final String STOP = "const [name, done] = arguments;"
            + "const whip = window.whips[name];"
            + "fetch(whip.client.resourceURL, {method: 'DELETE',"
            + "    headers: whip.token ? {Authorization: 'Bearer ' + whip.token} : {}})"
            + "  .then(response => { whip.pc.close(); done(response.status); }, e => done(String(e)));";

    private final Browser browser;
    private final String serverUrl;

    /** A browser on a page of {@code serverUrl}'s host named {@code localhost}, publishing to {@code serverUrl}. */
    WhipPublishers(String serverUrl, List<String> switches) throws IOException {
        this.serverUrl = serverUrl;
        browser = new Browser(switches);
        try {
            browser.driver().get(serverUrl.replace("127.0.0.1", "localhost"));
            String library = Files.readString(Path.of(System.getProperty("whip.client.js")))
                    .replace("export class WHIPClient", "window.WHIPClient = class WHIPClient");
            browser.driver().executeScript(library);
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        } catch (RuntimeException | IOException e) {
            browser.close();
            throw e;
        }
    }

    /** Publishes {@code streamName} with {@code token} (none when null); returns once the server answered the offer. */
    void publish(String streamName, String token) {
        Object failure = browser.driver().executeAsyncScript(PUBLISH, serverUrl, streamName, token);
        if (!"".equals(failure)) {
            throw new IllegalStateException("the WHIP client failed for " + streamName + ": " + failure + "\n" + browser.console());
        }
    }

    /** The session's URL, as the server's {@code Location} named it (resolved against the endpoint's). */
    String resourceUrl(String streamName) {
        return (String) browser.driver().executeScript("return window.whips[arguments[0]].client.resourceURL.href;", streamName);
    }

    /** The publish's peer connection state: new, connecting, connected, failed, closed. */
    String connectionState(String streamName) {
        return (String) browser.driver().executeScript("return window.whips[arguments[0]].pc.connectionState;", streamName);
    }

    /** Sends DELETE to the session, closes its peer connection and returns the DELETE's status. */
    int stop(String streamName) {
        Object status = browser.driver().executeAsyncScript(STOP, streamName);
        if (!(status instanceof Number number)) {
            throw new IllegalStateException("DELETE of " + streamName + "'s session failed: " + status);
        }
        return number.intValue();
    }

    @Override
    public void close() {
        browser.close();
    }
}
