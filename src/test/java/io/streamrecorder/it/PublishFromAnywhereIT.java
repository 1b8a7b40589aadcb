package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.it.net.Internet;
import io.streamrecorder.it.net.TurnCredentials;
import io.streamrecorder.it.net.TurnServer;
import io.streamrecorder.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing across a small internet ({@link NatLab}): a node with only a private address behind
 * a cloud's 1:1 NAT (203.0.113.10), Chromium behind a masquerading home router (198.51.100.20),
 * coturn on the public side (198.51.100.5), no route between the private sides. Each case ends in
 * a playable recording and the candidate pair the node's log names, or in a clear failure that
 * leaves nothing behind.
 */
class PublishFromAnywhereIT {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECORDED = Duration.ofSeconds(3);

    private static NatLab lab;
    /** One Chromium behind the home router for the page's cases: each opens the page anew. */
    private static Browser browser;

    @BeforeAll
    static void startTheLab() throws Exception {
        lab = NatLab.start(CONNECT_TIMEOUT);
        browser = lab.browser();
    }

    @AfterAll
    static void stopTheLab() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @BeforeEach
    void resetTheNodeAndTheClientNetwork() throws Exception {
        lab.reset();
    }

    @Test
    void aServerAnnouncingItsPublicAddressIsPublishedToOverHttps() throws Exception {
        lab.set("streamrecorder.ice.public-addresses", Internet.SERVER_PUBLIC_ADDRESS);
        String name = "nat-public-" + System.nanoTime();
        assertPlayable(publishAndStop(name));
        assertDirectOverUdp(name);
        Await.until("the upload of " + name + " through the NAT", Duration.ofSeconds(60), () -> NatLab.uploaded(name),
                objects -> objects.stream().anyMatch(key -> key.endsWith(".mp4")));
    }

    @Test
    void withNoPublicAddressNorStunThePublishFailsNamingIceAndLeavesNothing() throws Exception {
        String name = "nat-none-" + System.nanoTime();
        start(name);
        browser.awaitStatus("FAILED", CONNECT_TIMEOUT.plusSeconds(10));
        String reason = browser.element("statusReason").getText();
        assertTrue(reason.contains("ICE found no path"), reason);
        // The .part made at publish goes once the stream's end is handled; no file takes its place.
        Await.until("nothing of " + name + " in the records", Duration.ofSeconds(15), () -> lab.filesOf(name), List::isEmpty);
        Publishing.keepFor(Duration.ofSeconds(2));
        assertEquals(List.of(), lab.filesOf(name), "nothing recorded");
        assertEquals(List.of(), NatLab.uploaded(name), "nothing uploaded");
    }

    @Test
    void withStunAloneTheServerFindsItsPublicAddress() throws Exception {
        lab.set("streamrecorder.ice.servers", "stun:" + Internet.TURN_ADDRESS + ":" + TurnServer.PORT);
        String name = "nat-stun-" + System.nanoTime();
        assertPlayable(publishAndStop(name));
        assertDirectOverUdp(name);
    }

    @Test
    void aClientNetworkWithUdpOnlyToTheTurnServerPublishesThroughTheRelay() throws Exception {
        lab.internet().clientFirewall().allowOnlyWebAndTurnOverUdp();
        lab.set("streamrecorder.ice.public-addresses", Internet.SERVER_PUBLIC_ADDRESS);
        lab.set("streamrecorder.ice.publisher-servers", lab.turn().url("udp"));
        String name = "nat-turn-udp-" + System.nanoTime();
        assertPlayable(publishAndStop(name));
        assertRelayed(name);
        assertFalse(lab.nodeLog().contains(lab.turn().secret()), "the TURN secret stays out of the log");
    }

    @Test
    void aClientNetworkWithNoUdpAtAllPublishesThroughTurnOverTcp() throws Exception {
        lab.internet().clientFirewall().allowOnlyWebAndTurnOverTcp();
        lab.set("streamrecorder.ice.public-addresses", Internet.SERVER_PUBLIC_ADDRESS);
        lab.set("streamrecorder.ice.publisher-servers", lab.turn().url("tcp"));
        String name = "nat-turn-tcp-" + System.nanoTime();
        assertPlayable(publishAndStop(name));
        assertRelayed(name);
    }

    @Test
    void anExpiredTurnCredentialFailsThePublishSayingTheTurnServerRefusedIt() throws Exception {
        lab.internet().clientFirewall().allowOnlyWebAndTurnOverTcp();
        lab.set("streamrecorder.ice.public-addresses", Internet.SERVER_PUBLIC_ADDRESS);
        String name = "nat-expired-" + System.nanoTime();
        // The server mints credentials that outlive a publish (a minute at least); a site that hands
        // its own to the library can hand out an expired one.
        TurnCredentials expired = lab.turn().credentials(name, Duration.ofMinutes(-5));
        browser.openRecordingPage(NatLab.PAGE);
        browser.driver().manage().timeouts().scriptTimeout(CONNECT_TIMEOUT.plusSeconds(20));
        Object reason = browser.driver().executeAsyncScript("const [url, name, token, iceServers, done] = arguments;"
                + "const session = StreamRecorder.createSession({urlServer: url, iceServers: iceServers});"
                + "session.on('ESTABLISHED', () => session.createStream({name: name, token: token})"
                + "  .on('PUBLISHING', () => done('PUBLISHING')).on('FAILED', stream => done(stream.getInfo())).publish());",
                NatLab.PAGE.replace("https:", "wss:") + "signalling", name, Tokens.mint(lab.nodeUrl(), name),
                List.of(Map.of("urls", lab.turn().url("tcp"), "username", expired.username(), "credential", expired.password())));
        assertTrue(String.valueOf(reason).contains("ICE found no path") && String.valueOf(reason).contains("401"),
                "FAILED, the TURN server's refusal named: " + reason);
        Await.until("nothing of " + name + " in the records", Duration.ofSeconds(15), () -> lab.filesOf(name), List::isEmpty);
    }

    @Test
    void aWhipClientBehindTheNatUsesTheTurnServerItsLinksName() throws Exception {
        lab.internet().clientFirewall().allowOnlyWebAndTurnOverUdp();
        lab.set("streamrecorder.ice.public-addresses", Internet.SERVER_PUBLIC_ADDRESS);
        lab.set("streamrecorder.ice.publisher-servers", lab.turn().url("udp"));
        String name = "nat-whip-" + System.nanoTime();
        try (WhipClient client = WhipClient.publish(lab.browser(), NatLab.PAGE, NatLab.PAGE, name, Tokens.mint(lab.nodeUrl(), name))) {
            Await.until(name + " to connect", Duration.ofSeconds(20), client::connectionState, "connected"::equals);
            Publishing.keepFor(RECORDED);
            client.stop();
        }
        assertPlayable(lab.awaitFinished(name));
        assertRelayed(name);
    }

    private void start(String name) {
        browser.openRecordingPage(NatLab.PAGE);
        browser.setStreamName(name);
        browser.setToken(Tokens.mint(lab.nodeUrl(), name));
        browser.element("startButton").click();
    }

    private Path publishAndStop(String name) throws Exception {
        start(name);
        browser.awaitStatus("PUBLISHING", CONNECT_TIMEOUT.plusSeconds(5));
        Publishing.keepFor(RECORDED);
        browser.stopPublishing();
        return lab.awaitFinished(name);
    }

    private static void assertPlayable(Path recording) throws Exception {
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("h264", probe.stream("video").orElseThrow().codecName(), probe.toString());
        assertEquals("aac", probe.stream("audio").orElseThrow().codecName(), probe.toString());
        double expected = RECORDED.toSeconds();
        assertTrue(probe.durationSeconds() > expected - 1 && probe.durationSeconds() < expected + 2,
                "about " + expected + " s: " + probe);
        assertEquals("", probe.decodeErrors());
    }

    /**
     * Media came over UDP from the home router's mapping (learnt from the browser's checks, or from
     * its STUN server), not from a relay: through both NATs, which the only address the browser could
     * reach the node at was the public one it was told of.
     */
    private static void assertDirectOverUdp(String name) throws Exception {
        String pair = lab.candidatePair(name);
        assertTrue(pair.matches("udp \\S+ \\S+ <- udp .* (prflx|srflx)"), "straight from the home router: " + pair);
    }

    /** Media came from the TURN server's relay: its address is the remote candidate's. */
    private static void assertRelayed(String name) throws Exception {
        String pair = lab.candidatePair(name);
        assertTrue(pair.contains(" <- udp " + Internet.TURN_ADDRESS + ":") && pair.endsWith(" relay"),
                "relayed by " + Internet.TURN_ADDRESS + ": " + pair);
    }
}
