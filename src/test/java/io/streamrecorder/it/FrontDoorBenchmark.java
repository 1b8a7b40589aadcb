package io.streamrecorder.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Prints what the front door costs and what a rolling upgrade's drain takes, on {@link TwoNodes}
 * (two WildFly nodes behind HAProxy with server-config/haproxy/front-door.cfg, health checks every
 * 500 ms as in the tests): the page's Start to PUBLISHING straight to node B and through the front
 * door (TLS, the WebSocket relayed), and node A's drain and restart: suspend to readiness DOWN, to
 * HAProxy's DOWN, the live stream's stop to the suspend's end, shutdown, start and HAProxy's UP.
 * Not part of the suite:
 * {@code mvn verify -Dpayara.skip=true -Dalone.skip=true -Dit.test=FrontDoorBenchmark [-Druns=20] [-Ddrains=3]}
 */
class FrontDoorBenchmark {

    private static final List<String> ACCEPTS_TEST_CERTIFICATE = List.of("--ignore-certificate-errors");

    private final int runs = Integer.getInteger("runs", 20);
    private final int drains = Integer.getInteger("drains", 3);

    @Test
    void startToPublishingAndDrainAndRestart() throws Exception {
        List<String> report = new ArrayList<>();
        try (TwoNodes nodes = TwoNodes.start(); Browser browser = new Browser(ACCEPTS_TEST_CERTIFICATE)) {
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            report.add(measure("direct to node B (its own https listener)", browser, nodes.nodeB.url(),
                    "https://127.0.0.1:" + (8443 + TwoNodes.NODE_B_PORT_OFFSET) + "/stream-recorder/"));
            report.add(measure("through the front door (HAProxy ends TLS)", browser, nodes.nodeB.url(), nodes.frontDoor().url()));
            for (int drain = 0; drain < drains; drain++) {
                report.add(drainAndRestart(nodes, browser));
            }
        }
        System.out.println("Start -> PUBLISHING, " + runs + " publishes each, page already open; then node A drained and restarted:");
        report.forEach(System.out::println);
    }

    /** Tokens come from {@code tokenServer} over plain HTTP: the https listeners' certificate is the tests' own. */
    private String measure(String how, Browser browser, String tokenServer, String page) {
        List<Double> millis = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            String name = "front-door-bench-" + run + "-" + System.nanoTime();
            browser.openRecordingPage(page);
            browser.setStreamName(name);
            browser.setToken(Tokens.mint(tokenServer, name));
            double elapsed = StartTimes.timeStart(browser);
            if (elapsed < 0) {
                failures.add("run " + run + ": " + browser.element("statusReason").getText());
                continue;
            }
            millis.add(elapsed);
            browser.stopPublishing();
        }
        failures.forEach(failure -> System.out.println(how + ", FAILED " + failure));
        millis.sort(Double::compare);
        return StartTimes.summary(how, millis, failures.size(), runs);
    }

    /** One stream on node A while it drains: the times of each step of the rolling upgrade's procedure. */
    private static String drainAndRestart(TwoNodes nodes, Browser browser) throws Exception {
        FrontDoor frontDoor = nodes.frontDoor();
        frontDoor.takePublishes("node-b", false);
        try {
            String name = "front-door-drain-" + System.nanoTime();
            browser.openRecordingPage(frontDoor.url());
            browser.setStreamName(name);
            browser.setToken(Tokens.mint(nodes.nodeB.url(), name));
            browser.element("startButton").click();
            browser.awaitStatus("PUBLISHING", Duration.ofSeconds(20));
        } finally {
            frontDoor.takePublishes("node-b", true);
        }
        long start = System.nanoTime();
        CompletableFuture<Void> suspended = CompletableFuture.runAsync(
                () -> nodes.manage(nodes.nodeA, "{\"operation\":\"suspend\",\"suspend-timeout\":-1}"));
        nodes.awaitNotReady(nodes.nodeA, Duration.ofSeconds(10));
        long notReady = System.nanoTime();
        frontDoor.awaitState("node-a", "DOWN", Duration.ofSeconds(10));
        long down = System.nanoTime();
        browser.stopPublishing();
        long stopped = System.nanoTime();
        suspended.join();
        long drained = System.nanoTime();
        nodes.shutDown(nodes.nodeA);
        long exited = System.nanoTime();
        nodes.nodeA.start(nodes.settings(nodes.nodeA));
        long started = System.nanoTime();
        nodes.awaitInTurn(nodes.nodeA);
        long up = System.nanoTime();
        return String.format("  drain and restart of node A: readiness DOWN %4d ms, HAProxy DOWN +%4d ms; stream stopped -> suspended %4d ms;"
                + " shutdown %5d ms; start %6d ms; HAProxy UP +%4d ms; in all, without the stream's own time, %6d ms",
                ms(notReady - start), ms(down - notReady), ms(drained - stopped), ms(exited - drained), ms(started - exited),
                ms(up - started), ms(down - start) + ms(up - drained));
    }

    private static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
