package io.streamrecorder.it;

import io.streamrecorder.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Prints Stop → verified object in S3 for {@code upload.mode=while-recording} and {@code after-stop}
 * side by side: two nodes of their own, one per mode, each with {@code -Dstreams} pages publishing
 * for each of {@code -Dminutes} (a list: all start together, each group stops at its length),
 * uploads held to {@code -Dpace} MiB/s (about 1.5 times the recordings' bitrate: a slow uplink) in
 * parts of {@code -DpartMib}. Also prints each recording's bitrate, so the pace can be checked
 * against it. Not part of the suite:
 * {@code mvn verify -Dpayara.skip=true -Dalone.skip=true -Dit.test=UploadTimeBenchmark -Dminutes=1,30 -Dstreams=2}
 */
class UploadTimeBenchmark {

    private static final Pattern AT_THE_END = Pattern.compile(
            "(\\S+\\.mp4): (\\d+) of its (\\d+) bytes were handed to the upload while it was recorded; at its end (\\d+) bytes, of which (\\d+)");
    private static final List<String> MODES = List.of("while-recording", "after-stop");

    private final List<Double> minutes = Arrays.stream(System.getProperty("minutes", "1").split(","))
            .map(Double::parseDouble).sorted().toList();
    private final int streams = Integer.getInteger("streams", 3);
    private final String pace = System.getProperty("pace", "0.11");
    private final String partMib = System.getProperty("partMib", "5");

    /** One publish: its mode, its length, its page, and once stopped, its file and when it was stopped. */
    private static final class Publish {
        final String mode;
        final double minutes;
        final Browser page;
        long stoppedAt;
        Path file;
        Double seconds;

        Publish(String mode, double minutes, Browser page) {
            this.mode = mode;
            this.minutes = minutes;
            this.page = page;
        }
    }

    @Test
    void stopToVerifiedObject() throws Exception {
        Path build = WildFlyProcess.home().getParent();
        Map<String, WildFlyProcess> nodes = new LinkedHashMap<>();
        nodes.put(MODES.get(0), WildFlyProcess.secondNode(build.resolve("bench-node-live" + Lane.suffix()),
                100 + Lane.portOffset(), build.resolve("bench-records-live" + Lane.suffix()).toAbsolutePath()));
        nodes.put(MODES.get(1), WildFlyProcess.secondNode(build.resolve("bench-node-after" + Lane.suffix()),
                150 + Lane.portOffset(), build.resolve("bench-records-after" + Lane.suffix()).toAbsolutePath()));
        Map<String, Publish> publishes = new LinkedHashMap<>();
        try {
            Map<String, Long> logFrom = new LinkedHashMap<>();
            for (Map.Entry<String, WildFlyProcess> node : nodes.entrySet()) {
                node.getValue().start(Map.of("STREAMRECORDER_UPLOAD_MODE", node.getKey(),
                        "STREAMRECORDER_UPLOAD_PART_SIZE_MIB", partMib, "STREAMRECORDER_UPLOAD_MAX_MIB_PER_SECOND", pace,
                        "STREAMRECORDER_RECORDS_INDEX_RESERVE_KIB", "1024"));
                logFrom.put(node.getKey(), node.getValue().logSize());
            }
            for (double length : minutes) {
                for (int i = 0; i < streams; i++) {
                    for (Map.Entry<String, WildFlyProcess> node : nodes.entrySet()) {
                        Browser page = new Browser();
                        String name = "bench-" + node.getKey() + "-" + length + "m-" + i + "-" + System.nanoTime();
                        publishes.put(name, new Publish(node.getKey(), length, page));
                        page.openRecordingPage(node.getValue().url());
                        page.startPublishing(name, Duration.ofSeconds(30));
                    }
                }
            }
            long started = System.nanoTime();
            for (double length : minutes) {
                long due = started + (long) (length * 60e9);
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                for (Map.Entry<String, Publish> entry : publishes.entrySet()) {
                    Publish publish = entry.getValue();
                    if (publish.minutes == length) {
                        publish.stoppedAt = System.nanoTime();
                        publish.file = nodes.get(publish.mode).recordsDir().resolve(publish.page.stopPublishing());
                        publish.page.close();
                    }
                }
            }
            double longest = minutes.get(minutes.size() - 1);
            Await.until("every upload verified", Duration.ofMinutes(5 + (long) (longest * 0.8)), Duration.ofMillis(50), () -> {
                for (Publish publish : publishes.values()) {
                    Path result = publish.file.resolveSibling(publish.file.getFileName() + ".upload.json");
                    if (publish.seconds == null && Files.exists(result)) {
                        publish.seconds = (System.nanoTime() - publish.stoppedAt) / 1e9;
                    }
                }
                return publishes.values().stream().allMatch(publish -> publish.seconds != null);
            }, Boolean::booleanValue);
            print(publishes.values());
            Matcher atTheEnd = AT_THE_END.matcher(nodes.get(MODES.get(0)).logSince(logFrom.get(MODES.get(0))));
            while (atTheEnd.find()) {
                System.out.printf("  while-recording: %s: %s of %s bytes before Stop; %s at Stop, %s of them sent twice%n",
                        atTheEnd.group(1), atTheEnd.group(2), atTheEnd.group(3), atTheEnd.group(4), atTheEnd.group(5));
            }
        } finally {
            for (Publish publish : publishes.values()) {
                publish.page.close();
            }
            nodes.values().forEach(WildFlyProcess::stopIfRunning);
        }
    }

    private void print(Collection<Publish> publishes) throws Exception {
        System.out.printf("Stop -> verified object, %d recordings per mode and length, uploads paced to %s MiB/s, parts of %s"
                + " MiB:%n", streams, pace, partMib);
        for (double length : minutes) {
            for (String mode : MODES) {
                List<Double> times = new ArrayList<>();
                for (Publish publish : publishes) {
                    if (publish.mode.equals(mode) && publish.minutes == length) {
                        times.add(publish.seconds);
                        long bytes = Files.size(publish.file);
                        System.out.printf("  %.1f min, %s: %s, %d bytes (%.2f Mbit/s), %.2f s%n", length, mode,
                                publish.file.getFileName(), bytes, bytes * 8 / (length * 60e6), publish.seconds);
                    }
                }
                times.sort(Double::compare);
                System.out.printf("  %.1f min, %s: p50 %.2f s, max %.2f s%n", length, mode, times.get(times.size() / 2),
                        times.get(times.size() - 1));
            }
        }
    }
}
