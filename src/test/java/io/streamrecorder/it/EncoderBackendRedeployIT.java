package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Both encoders load their native code once per JVM: the WAR is redeployed into the running server
 * with each backend in turn and still records a clean file. It runs with the machine to itself,
 * before the lanes (the pom's wildfly-alone execution): humble-video's encoder is the CPU-hungry one.
 */
class EncoderBackendRedeployIT {

    private static final String BACKEND = "streamrecorder.encoder.backend";
    /** Whether the deployment was made with a backend property, which the lane's next tests must not keep. */
    private static boolean deployedWithBackendProperty;

    @Test
    void recordsWithEitherBackendAfterRedeploys() throws Exception {
        for (String backend : List.of("humble", "ffmpeg", "humble")) {
            recordsAfterRedeployWith(backend);
        }
    }

    private static void recordsAfterRedeployWith(String backend) throws Exception {
        ManagementApi.setSystemProperty(BACKEND, backend);
        long logBefore = WildFlyProcess.primary().logSize();
        ManagementApi.redeploy(RedeployIT.WAR);
        deployedWithBackendProperty = true;

        Path recording = RedeployIT.record("redeploy-" + backend + "-" + System.nanoTime());
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("", probe.decodeErrors(), backend + " after a redeploy: " + probe);
        assertEquals("h264", probe.stream("video").orElseThrow().codecName());
        String log = WildFlyProcess.primary().logSince(logBefore);
        assertTrue(log.contains("Recordings are encoded with " + backend), "the redeployed WAR encodes with " + backend);
        assertTrue(!log.contains("already loaded in another classloader"), "native libraries load once per JVM");
    }

    @AfterAll
    static void restoreDefaultBackend() throws Exception {
        ManagementApi.removeSystemProperty(BACKEND);
        if (deployedWithBackendProperty) {
            ManagementApi.redeploy(RedeployIT.WAR);
        }
    }
}
