package io.streamrecorder.bench;

import io.streamrecorder.it.Browser;
import io.streamrecorder.it.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints the server's CPU (share of one core) and resident memory while N browsers publish and
 * record at once. Runs against a server that is already up (bin/run), not in the test suite:
 * {@code mvn test-compile failsafe:integration-test -Dit.test=RecordingLoadBenchmark -Dstreams=1,2}
 */
class RecordingLoadBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(30);

    @Test
    void measureServerCostPerConcurrentRecording() throws Exception {
        long server = serverPid();
        System.out.printf("server pid %d, idle: RSS %d MB%n", server, rssKb(server) / 1024);
        for (String count : System.getProperty("streams", "1,2").split(",")) {
            measure(server, Integer.parseInt(count.strip()));
        }
    }

    private static void measure(long server, int streams) throws Exception {
        List<Browser> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                Browser browser = new Browser();
                browsers.add(browser);
                browser.openRecordingPage();
                String name = "bench-" + streams + "-" + i + "-" + System.nanoTime();
                browser.setStreamName(name);
                browser.setToken(Tokens.mint(name));
                long start = System.nanoTime();
                browser.element("startButton").click();
                browser.awaitStatus("PUBLISHING", Duration.ofSeconds(20));
                System.out.printf("stream %d of %d: Start -> PUBLISHING %d ms%n", i + 1, streams,
                        (System.nanoTime() - start) / 1_000_000);
            }
            Thread.sleep(WARM_UP.toMillis());
            long ticksBefore = cpuTicks(server);
            long wallBefore = System.nanoTime();
            Thread.sleep(MEASURE.toMillis());
            double cpuSeconds = (cpuTicks(server) - ticksBefore) / 100.0;
            double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
            System.out.printf("%d concurrent recording(s): server CPU %.2f core, RSS %d MB%n", streams,
                    cpuSeconds / wallSeconds, rssKb(server) / 1024);
            for (Browser browser : browsers) {
                browser.stopPublishing();
            }
        } finally {
            browsers.forEach(Browser::close);
        }
    }

    private static long serverPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no WildFly running; start bin/run"))
                .pid();
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1);
    }
}
