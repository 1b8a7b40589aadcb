package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WAR redeployed into the running server: with a stream live, and scraped before any request. */
class RedeployIT {

    static final Path WAR = Path.of(System.getProperty("war.file"));

    /**
     * Undeploy while a stream is live: the stream is torn down before webrtc's factory is disposed
     * (the other way round crashes the JVM), its recording is finalised and uploaded, and the new
     * deployment records.
     */
    @Test
    void redeployingWithALiveStreamFinalisesItsRecordingAndKeepsTheServer() throws Exception {
        String name = "redeploy-live-" + System.nanoTime();
        long pid = WildFlyProcess.primary().pid();
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing(name, Duration.ofSeconds(30));
            Publishing.keepFor(Duration.ofSeconds(3));
            redeploy();
        }
        assertEquals(pid, WildFlyProcess.primary().pid(), "the server survived the redeploy");
        Path recording = RecordsDir.awaitFinished(name, Duration.ofSeconds(30));
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("", probe.decodeErrors(), "the live stream's recording, finalised at undeploy: " + probe);
        assertTrue(probe.durationSeconds() >= 2, "it holds what was published: " + probe);
        // Finalised after the batch runtime stopped: the new deployment queues its upload.
        RecordsDir.awaitFile(recording.resolveSibling(recording.getFileName() + ".upload.json"), Duration.ofSeconds(60));
        MediaProbe after = MediaProbe.of(record("redeploy-after-live-" + System.nanoTime()));
        assertEquals("", after.decodeErrors(), "the new deployment records: " + after);
        Metrics metrics = Metrics.scrape();
        assertTrue(metrics.text.contains("streamrecorder_encoder_queue_samples"), "the new deployment's gauges are there");
        List<String> stale = metrics.text.lines().filter(line -> line.startsWith("streamrecorder_") && line.endsWith(" NaN"))
                .toList();
        assertEquals(List.of(), stale, "no gauge reads the old deployment's beans");
    }

    /**
     * A scrape is the first thing a fresh deployment is asked for: gauges are read on the management
     * interface's threads, where the application's java:comp is not bound, and a bean first created
     * there could not have its executors injected (the gauge then read NaN and logged the failure).
     */
    @Test
    void metricsAreReadableBeforeTheFirstRequest() throws Exception {
        long logBefore = WildFlyProcess.primary().logSize();
        redeploy();

        Metrics metrics = Metrics.scrape();
        assertTrue(metrics.text.contains("\nstreamrecorder_streams_active"), metrics.text);
        assertEquals(0, metrics.value("streamrecorder_streams_active"), metrics.text);
        assertEquals(0, metrics.value("streamrecorder_recordings_active"), metrics.text);
        String log = WildFlyProcess.primary().logSince(logBefore);
        assertTrue(!log.contains("Failed to apply the value function"), log);
    }

    private static void redeploy() throws IOException {
        ManagementApi.redeploy(WAR);
    }

    static Path record(String name) throws Exception {
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing(name, Duration.ofSeconds(30));
            Publishing.keepFor(Duration.ofSeconds(3));
            return RecordsDir.path().resolve(browser.stopPublishing());
        }
    }
}
