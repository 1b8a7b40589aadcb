package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of the load harness (bench/load.py): two cheap WHIP publishers for 12 s (its SSIM
 * compares the first 10). It checks that
 * the harness works end to end (publishers, /proc sampling, metrics, ffprobe, SSIM, the plot), never
 * its timings: those are for the benchmark runs in docs/BENCHMARKS.md.
 */
class LoadHarnessIT {

    @Test
    void theHarnessRunsTwoPublishersForTwelveSeconds() throws Exception {
        Path out = Path.of("target/bench/smoke");
        ProcessBuilder harness = new ProcessBuilder("/usr/bin/python3", "bench/load.py", "--counts", "2", "--seconds", "12",
                "--tokens", "--url", Browser.serverUrl(), "--metrics-url", System.getProperty("metrics.url"),
                "--pid", Long.toString(WildFlyProcess.primary().pid()), "--records", RecordsDir.path().toString(),
                "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target/bench-smoke.log").toFile());
        harness.environment().put("ADMIN_USER", System.getProperty("admin.user"));
        harness.environment().put("ADMIN_PASSWORD", System.getProperty("admin.password"));
        Files.createDirectories(out);
        Process process = harness.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the harness stops by itself");
        String log = Files.readString(Path.of("target/bench-smoke.log"));
        assertEquals(0, process.exitValue(), log);

        JsonObject results = Json.createReader(new StringReader(Files.readString(out.resolve("results.json")))).readObject();
        JsonObject run = results.getJsonArray("runs").getJsonObject(0);
        assertEquals(2, run.getJsonArray("recordings").size(), log);
        assertTrue(run.getJsonNumber("cpuCoresPerRecording").doubleValue() > 0, log);
        assertTrue(run.getJsonNumber("machineBusyCores").doubleValue() >= run.getJsonNumber("publishersCpuCores").doubleValue(),
                "the machine is at least as busy as the publishers: " + log);
        assertTrue(run.getJsonObject("quality").containsKey("ssim") && !run.getJsonObject("quality").isNull("ssim"),
                "the recording lines up with the source: " + run.getJsonObject("quality"));
        assertTrue(Files.size(out.resolve("scaling.png")) > 1000, "the plot is drawn");
    }
}
