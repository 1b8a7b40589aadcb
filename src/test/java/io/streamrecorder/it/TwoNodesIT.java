package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two WildFly nodes of one installation (their own ports and records directories) on one PostgreSQL
 * job repository and one bucket, behind HAProxy running server-config/haproxy/front-door.cfg
 * ({@link FrontDoor}): publishes from pages and WHIP clients spread over both nodes and each is
 * recorded and uploaded once; a draining node takes no new publish but records its live streams to
 * their end, their WHIP sessions reached through the front door, and shuts down clean; a killed node
 * is out of the front door's turns within its checks, and when it comes back it recovers its
 * recording and resumes its upload, which the other node's restarts left alone. Everything here is
 * started by the test; the lane's own server goes on untouched on its embedded repository.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private static final List<String> ACCEPTS_TEST_CERTIFICATE = List.of("--ignore-certificate-errors");
    private static final Duration RECORDED = Duration.ofSeconds(3);
    private static final Duration TO_PUBLISHING = Duration.ofSeconds(20);
    private static final long MIB = 1024 * 1024;
    /**
     * At node A's pace of 8 MiB/s, a minute of upload: it outlasts node B's restart (about 30 s,
     * counted from a few parts in) and the kill that follows.
     */
    private static final long LARGE = 480 * MIB;
    private static final HttpClient HTTP = PlainHttp.client();

    private static TwoNodes nodes;
    private static PostgresProcess postgres;
    private static WildFlyProcess nodeA;
    private static WildFlyProcess nodeB;
    private static FrontDoor frontDoor;
    /** Two pages and one browser of WHIP clients, shared by the cases: a Chromium costs a second or two to start. */
    private static Browser pageOne;
    private static Browser pageTwo;
    private static WhipPublishers whip;
    /** When each stream was seen publishing and asked to stop: how long its recording should be. */
    private static final Map<String, Long> publishingAt = new HashMap<>();
    private static final Map<String, Long> stoppedAt = new HashMap<>();

    @BeforeAll
    static void twoNodesBehindAFrontDoor() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HaproxyProcess.BINARY), "HAProxy is not installed (bin/install-packages)");
        nodes = TwoNodes.start();
        postgres = nodes.postgres;
        nodeA = nodes.nodeA;
        nodeB = nodes.nodeB;
        frontDoor = nodes.frontDoor();
        pageOne = new Browser(ACCEPTS_TEST_CERTIFICATE);
        pageTwo = new Browser(ACCEPTS_TEST_CERTIFICATE);
        whip = new WhipPublishers(frontDoor.url(), ACCEPTS_TEST_CERTIFICATE);
    }

    /** Both nodes up and in the front door's turns, whatever a case before left (it may have failed midway). */
    @BeforeEach
    void bothNodesTakePublishes() throws Exception {
        for (WildFlyProcess node : List.of(nodeA, nodeB)) {
            if (node.isRunning()) {
                nodes.manage(node, "{\"operation\":\"resume\"}");
            }
        }
        nodes.awaitInTurn(nodeA);
        nodes.awaitInTurn(nodeB);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {whip, pageTwo, pageOne, nodes}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /**
     * Pages and WHIP clients publish through the front door, which gives each new publish to the next
     * node in turn; each node records its own, tells the client's address (the proxy's
     * X-Forwarded-For, trusted from the proxy only), and uploads each file once.
     */
    @Test
    @Order(1)
    void publishesThroughTheFrontDoorLandOnBothNodesAndEachIsRecordedAndUploadedOnce() throws Exception {
        long logA = nodeA.logSize();
        long logB = nodeB.logSize();
        Map<String, Browser> pages = new LinkedHashMap<>();
        pages.put(publishPage(pageOne), pageOne);
        pages.put(publishPage(pageTwo), pageTwo);
        List<String> whips = List.of(publishWhip(), publishWhip(), publishWhip(), publishWhip());
        Map<String, WildFlyProcess> where = new LinkedHashMap<>();
        for (String name : pages.keySet()) {
            where.put(name, nodeOf(name));
        }
        for (String name : whips) {
            where.put(name, nodeOf(name));
        }
        Publishing.keepFor(RECORDED);

        assertEquals(3, where.values().stream().filter(nodeA::equals).count(), "node by node in turn: " + names(where));
        assertEquals(2, pages.keySet().stream().map(where::get).distinct().count(), "the pages took turns: " + names(where));
        Map<String, Path> files = new LinkedHashMap<>();
        pages.forEach((name, page) -> files.put(name, where.get(name).recordsDir().resolve(stop(page, name))));
        for (String name : whips) {
            assertTrue(whip.resourceUrl(name).contains("/whip/" + name + "/" + nameOf(where.get(name)) + "."),
                    "the session's URL names its node: " + whip.resourceUrl(name));
            assertEquals(200, stop(name), "DELETE through the front door reaches " + nameOf(where.get(name)));
            files.put(name, RecordsDir.awaitFinished(where.get(name).recordsDir(), name, Duration.ofSeconds(30)));
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            assertPlayableAndUploadedOnce(file.getKey(), file.getValue());
        }
        for (WildFlyProcess node : List.of(nodeA, nodeB)) {
            Path one = files.entrySet().stream().filter(f -> where.get(f.getKey()) == node).findFirst().orElseThrow().getValue();
            assertEquals(nameOf(node), recording(node, one).getString("node"));
        }

        // The nodes name the client the proxy saw (127.0.0.1), not the proxy (127.0.0.2).
        String logs = nodeA.logSince(logA) + nodeB.logSince(logB);
        for (String name : pages.keySet()) {
            assertTrue(logs.contains("Stream " + name + " is publishing from 127.0.0.1 into "), name + " in:\n" + logs);
        }
        for (String name : whips) {
            assertTrue(logs.contains("Stream " + name + " is published over WHIP from 127.0.0.1"), name + " in:\n" + logs);
        }
        assertFalse(logs.contains(" from " + FrontDoor.PROXY_ADDRESS), logs);
    }

    /**
     * The rolling-upgrade drain: node A suspended while three streams publish on it. Its readiness
     * turns DOWN, the front door sends the next publishes to node B, A's streams go on until their
     * publishers stop them (the WHIP DELETEs reach A through the front door), are finalised and
     * uploaded, and A shuts down with nothing left behind. Started again, it reads its jobs back from
     * PostgreSQL and takes publishes again.
     */
    @Test
    @Order(2)
    void aDrainingNodeTakesNoNewPublishesButRecordsItsLiveStreamsToTheEndAndShutsDownClean() throws Exception {
        // Three live streams on node A: node B out of the publishes' turns while they start.
        frontDoor.takePublishes("node-b", false);
        String pageOnA;
        List<String> whipsOnA;
        try {
            pageOnA = publishPage(pageOne);
            whipsOnA = List.of(publishWhip(), publishWhip());
        } finally {
            frontDoor.takePublishes("node-b", true);
        }
        for (String name : concat(List.of(pageOnA), whipsOnA)) {
            assertEquals(nodeA, nodeOf(name), name);
        }

        // The management operation returns once the node is suspended, after its streams have ended.
        CompletableFuture<Void> suspended = CompletableFuture.runAsync(
                () -> nodes.manage(nodeA, "{\"operation\":\"suspend\",\"suspend-timeout\":-1}"));
        nodes.awaitNotReady(nodeA, Duration.ofSeconds(10));
        frontDoor.awaitState("node-a", "DOWN", Duration.ofSeconds(10));

        String pageOnB;
        List<String> whipsOnB;
        try {
            pageOnB = publishPage(pageTwo);
            whipsOnB = List.of(publishWhip(), publishWhip(), publishWhip());
            for (String name : concat(List.of(pageOnB), whipsOnB)) {
                assertEquals(nodeB, nodeOf(name), "a draining node takes no new publish: " + name);
            }
            Publishing.keepFor(Duration.ofSeconds(2));
            assertFalse(suspended.isDone(), "node A is still draining while its streams publish");
            for (String name : concat(List.of(pageOnA), whipsOnA)) {
                assertTrue(RecordsDir.filesOf(nodeA.recordsDir(), name).stream().noneMatch(f -> f.toString().endsWith(".mp4")),
                        name + " still records on node A");
            }
        } catch (Exception | AssertionError e) {
            // Node A drains until its streams end: end them, so the cases after this one find it suspended, not stuck.
            endQuietly(() -> stop(pageOne, pageOnA));
            whipsOnA.forEach(name -> endQuietly(() -> stop(name)));
            throw e;
        }

        // The publishers stop A's streams through the front door: the page over its WebSocket, WHIP by DELETE.
        Map<String, Path> filesOfA = new LinkedHashMap<>();
        stop(pageOne, pageOnA);
        filesOfA.put(pageOnA, RecordsDir.awaitFinished(nodeA.recordsDir(), pageOnA, Duration.ofSeconds(30)));
        for (String name : whipsOnA) {
            assertTrue(whip.resourceUrl(name).contains("/node-a."), whip.resourceUrl(name));
            assertEquals(200, stop(name), "DELETE through the front door reaches the draining node A");
            filesOfA.put(name, RecordsDir.awaitFinished(nodeA.recordsDir(), name, Duration.ofSeconds(30)));
        }
        // The drain is over once the last stream has stopped and its file is finished: WildFly is suspended.
        suspended.get(30, TimeUnit.SECONDS);

        Map<String, Path> filesOfB = new LinkedHashMap<>();
        filesOfB.put(pageOnB, nodeB.recordsDir().resolve(stop(pageTwo, pageOnB)));
        for (String name : whipsOnB) {
            assertEquals(200, stop(name));
            filesOfB.put(name, RecordsDir.awaitFinished(nodeB.recordsDir(), name, Duration.ofSeconds(30)));
        }
        for (Map.Entry<String, Path> file : filesOfB.entrySet()) {
            assertPlayableAndUploadedOnce(file.getKey(), file.getValue());
        }

        nodes.shutDown(nodeA);
        try (Stream<Path> left = Files.list(nodeA.recordsDir())) {
            assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".part")).toList(), "nothing partial left on node A");
        }
        List<JsonObject> running = jobs(nodeB).stream().filter(job -> job.getString("node").equals("node-a"))
                .filter(job -> List.of("STARTING", "STARTED", "STOPPING").contains(job.getString("batchStatus"))).toList();
        assertEquals(List.of(), running, "no upload of node A's left running");

        // The upload jobs' repository on PostgreSQL: a job of B's is a COMPLETED row with its step, and
        // node A reads it back when it starts again.
        long execution = completedUpload(filesOfB.get(pageOnB)).getJsonNumber("executionId").longValue();
        assertEquals("COMPLETED", postgres.query("select batchstatus from job_execution where jobexecutionid = " + execution));
        assertEquals(1, Integer.parseInt(postgres.query("select count(*) from step_execution where jobexecutionid = "
                + execution + " and stepname in ('upload', 'live')")), "with its uploading step");
        nodes.awaitInTurn(nodeA);
        assertEquals("COMPLETED", UploadApi.status(nodeA.url(), execution).getString("batchStatus"),
                "the node reads the jobs back from PostgreSQL after a restart");
        // A's uploads either finished before the suspend or were stopped by it and go on now.
        for (Map.Entry<String, Path> file : filesOfA.entrySet()) {
            assertPlayableAndUploadedOnce(file.getKey(), file.getValue());
        }

        List<String> again = List.of(publishWhip(), publishWhip());
        Map<String, WildFlyProcess> where = new LinkedHashMap<>();
        for (String name : again) {
            where.put(name, nodeOf(name));
        }
        assertTrue(where.containsValue(nodeA), "node A takes publishes again: " + names(where));
        for (String name : again) {
            assertEquals(200, stop(name));
            RecordsDir.awaitFinished(where.get(name).recordsDir(), name, Duration.ofSeconds(30));
        }
    }

    /**
     * Node A is killed while it records and uploads: the front door takes it out of the turns within
     * its checks and node B takes the new publishes; node B's restarts leave A's upload to A; A comes
     * back, recovers its recording and uploads it, and finishes its upload from its last checkpoint.
     */
    @Test
    @Order(3)
    void aKilledNodeLeavesTheTurnsAndWhenBackRecoversWhatItHeldWhileTheOtherNodeLeavesItAlone() throws Exception {
        List<Path> uploaded = new ArrayList<>();
        // A paced upload on node A, long enough for node B to restart under it and for A to die in.
        Path large = UploadApi.generateRecording(nodeA.recordsDir(), "node-a-large-" + System.nanoTime(), LARGE);
        long stoppedByB = UploadApi.queue(nodeA.url(), large);
        UploadApi.await(nodeA.url(), stoppedByB, s -> UploadApi.partsWritten(s) >= 2, Duration.ofSeconds(60));
        JsonObject seenFromB = UploadApi.status(nodeB.url(), stoppedByB);
        assertEquals("node-a", seenFromB.getString("node"), "node B lists node A's job with its owner: " + seenFromB);
        HttpResponse<String> restart = HTTP.send(Operator.admin().request(nodeB.url(), "api/jobs/" + stoppedByB + "/restart")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, restart.statusCode(), restart.body());
        assertTrue(restart.body().contains("belongs to node node-a"), restart.body());

        // Node B restarts while node A uploads: WildFly stops every running job of the shared repository
        // as it shuts down, node A's too; node A restarts its own from its checkpoint, and node B, starting,
        // leaves it alone.
        long logA = nodeA.logSize();
        long logB = nodeB.logSize();
        nodeB.stop();
        nodeB.start(nodes.settings(nodeB));
        assertTrue(nodeB.logSince(logB).contains("belongs to node node-a; left to it"), "node B must not restart node A's upload");
        long resumed = restartedAs(nodeA, logA, "Upload job execution " + stoppedByB + " was stopped by another node; restarted as ");
        UploadApi.await(nodeA.url(), resumed, s -> UploadApi.partsWritten(s) >= 2, Duration.ofSeconds(60));
        frontDoor.awaitState("node-b", "UP", Duration.ofSeconds(30));

        // A stream recording on node A when it is killed, mid-upload too.
        frontDoor.takePublishes("node-b", false);
        String onA;
        try {
            onA = publishWhip();
        } finally {
            frontDoor.takePublishes("node-b", true);
        }
        assertEquals(nodeA, nodeOf(onA));
        Publishing.keepFor(Duration.ofSeconds(2));
        nodeA.kill();
        Duration noticed = frontDoor.awaitState("node-a", "DOWN", Duration.ofSeconds(10));
        // Two failed probes mark a node DOWN: the kill falls somewhere in the first interval.
        assertTrue(noticed.compareTo(FrontDoor.CHECK_INTERVAL.multipliedBy(3).plusSeconds(1)) < 0,
                "HAProxy took " + noticed.toMillis() + " ms to take the killed node out");

        // Node B takes the new publishes, records and uploads on, and restarts once more, which asks
        // node A's dead upload to stop.
        String pageOnB = publishPage(pageOne);
        String whipOnB = publishWhip();
        assertEquals(nodeB, nodeOf(pageOnB));
        assertEquals(nodeB, nodeOf(whipOnB));
        Publishing.keepFor(Duration.ofSeconds(2));
        uploaded.add(nodeB.recordsDir().resolve(stop(pageOne, pageOnB)));
        assertEquals(200, stop(whipOnB));
        uploaded.add(RecordsDir.awaitFinished(nodeB.recordsDir(), whipOnB, Duration.ofSeconds(30)));
        for (Path file : uploaded) {
            RecordsDir.awaitFile(uploadResult(file), Duration.ofSeconds(60));
        }
        nodeB.stop();
        nodeB.start(nodes.settings(nodeB));
        assertEquals("STOPPING", postgres.query("select batchstatus from job_execution where jobexecutionid = " + resumed),
                "node B's shutdown marked node A's dead upload");

        // Node A comes back: it recovers the recording the kill cut and uploads it, and finishes its own
        // upload from its last checkpoint; unpaced now, as the pace was only there to keep the upload
        // running through node B's restart and the kill.
        logA = nodeA.logSize();
        Map<String, String> unpaced = new HashMap<>(nodes.settings(nodeA));
        unpaced.put("STREAMRECORDER_UPLOAD_MAX_MIB_PER_SECOND", "0");
        nodeA.start(unpaced);
        Path recovered = RecordsDir.awaitFinished(nodeA.recordsDir(), onA, Duration.ofSeconds(60));
        MediaProbe probe = MediaProbe.of(recovered);
        assertEquals("h264", probe.stream("video").orElseThrow().codecName(), probe.toString());
        assertTrue(probe.durationSeconds() > 1, "what was recorded before the kill: " + probe);
        RecordsDir.awaitFile(uploadResult(recovered), Duration.ofSeconds(60));
        uploaded.add(recovered);
        RecordsDir.awaitFile(uploadResult(large), Duration.ofSeconds(120));
        assertTrue(nodeA.logSince(logA).contains("Upload job execution " + resumed + " was interrupted; restarted"),
                "node A restarts its own upload when it comes back");
        uploaded.add(large);

        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            for (Path file : uploaded) {
                String key = json(Files.readString(uploadResult(file))).getString("key");
                byte[] stored = s3.getObjectAsBytes(r -> r.bucket(S3ProxyProcess.bucket()).key(key)).asByteArray();
                assertEquals(Files.size(file), stored.length, key);
                assertArrayEquals(UploadApi.sha256(file), UploadApi.sha256(stored), key + " is its file, byte for byte");
            }
        }
    }

    /**
     * Node A records while it uploads, and is lost for good with its disk: node B completes the object
     * from the parts node A had sent, a fragmented MP4 that plays up to the end of the last part.
     */
    @Test
    @Order(4)
    void aNodeLostForGoodLeavesPartsTheOtherNodeCompletesIntoAPlayableObject() throws Exception {
        Map<String, String> fastParts = new HashMap<>(nodes.settings(nodeA));
        fastParts.put("STREAMRECORDER_UPLOAD_MODE", "while-recording");
        fastParts.put("STREAMRECORDER_UPLOAD_PART_SIZE_MIB", "5");
        // A high bitrate fills a 5 MiB part every few seconds.
        fastParts.put("STREAMRECORDER_ENCODER_VIDEO_BITRATE", "10000000");
        nodeA.stop();
        nodeA.start(fastParts);
        String name = publishPage(pageOne, nodeA.url(), "lost-node-");
        // The rescue takes the parts the job's checkpoint lists, and a part is checkpointed only after S3
        // has it: once S3 holds a third part, the second is checkpointed. With two in S3, a kill in
        // between left a checkpoint of one part and a rescue of one.
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            Await.until("three parts of " + name + " in S3", Duration.ofSeconds(90), Duration.ofMillis(250), () -> {
                var uploads = s3.listMultipartUploads(r -> r.bucket(S3ProxyProcess.bucket()).prefix(name + "/")).uploads();
                return uploads.isEmpty() ? 0 : s3.listParts(r -> r.bucket(S3ProxyProcess.bucket()).key(uploads.get(0).key())
                        .uploadId(uploads.get(0).uploadId())).parts().size();
            }, parts -> parts >= 3);
        }
        nodeA.kill();
        try (Stream<Path> files = Files.walk(nodeA.recordsDir())) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }

        JsonObject job = jobs(nodeB).stream().filter(j -> j.getString("key").startsWith(name + "/")).findFirst().orElseThrow();
        HttpResponse<String> rescue = HTTP.send(Operator.admin().request(nodeB.url(), "api/jobs/" + job.getInt("executionId")
                + "/rescue").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, rescue.statusCode(), rescue.body());
        JsonObject rescued = json(rescue.body());
        assertTrue(rescued.getInt("parts") >= 2, rescue.body());
        Path object = nodeB.recordsDir().resolveSibling("rescued-" + name + ".mp4");
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            byte[] stored = s3.getObjectAsBytes(r -> r.bucket(S3ProxyProcess.bucket()).key(rescued.getString("key"))).asByteArray();
            assertEquals(rescued.getJsonNumber("sizeBytes").longValue(), stored.length);
            Files.write(object, stored);
        }
        MediaProbe probe = MediaProbe.of(object);
        assertEquals("", probe.decodeErrors(), "the rescued object plays: " + probe);
        assertEquals("h264", probe.stream("video").orElseThrow().codecName(), probe.toString());
        assertTrue(probe.durationSeconds() > 2, "the media of two parts at least: " + probe);
        HttpResponse<String> again = HTTP.send(Operator.admin().request(nodeB.url(), "api/jobs/" + job.getInt("executionId")
                + "/rescue").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, again.statusCode(), "a rescued upload is no longer open: " + again.body());
        Files.delete(object);
        nodeA.start(nodes.settings(nodeA));
    }

    /** A page opened through the front door publishes a new stream; returns its name once the page shows PUBLISHING. */
    private static String publishPage(Browser page) {
        return publishPage(page, frontDoor.url(), "front-door-page-");
    }

    /** The same on the page at {@code url}, the stream's name starting with {@code prefix}. */
    private static String publishPage(Browser page, String url, String prefix) {
        String name = prefix + System.nanoTime();
        page.openRecordingPage(url);
        page.setStreamName(name);
        page.setToken(token(name));
        page.element("startButton").click();
        page.awaitStatus("PUBLISHING", TO_PUBLISHING);
        publishingAt.put(name, System.nanoTime());
        return name;
    }

    /** A WHIP client publishes a new stream through the front door; returns its name once it is connected. */
    private static String publishWhip() throws InterruptedException {
        String name = "front-door-whip-" + System.nanoTime();
        whip.publish(name, token(name));
        Await.until(name + "'s WHIP client to connect", TO_PUBLISHING, () -> whip.connectionState(name), "connected"::equals);
        publishingAt.put(name, System.nanoTime());
        return name;
    }

    /** Presses the page's Stop; returns the recording's file name once the page shows UNPUBLISHED. */
    private static String stop(Browser page, String streamName) {
        stoppedAt.put(streamName, System.nanoTime());
        return page.stopPublishing();
    }

    /** Ends a publish after a failure, as far as it goes: the failure is what the case reports. */
    private static void endQuietly(Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException | AssertionError ignored) {
            // The page or WHIP client may be what failed.
        }
    }

    /** Stops a WHIP publish (its DELETE through the front door); returns the DELETE's status. */
    private static int stop(String streamName) {
        stoppedAt.put(streamName, System.nanoTime());
        return whip.stop(streamName);
    }

    /** A publish token from a running node, straight (the front door's certificate is the tests' own): every node takes it. */
    private static String token(String streamName) {
        return Tokens.mint((nodeB.isRunning() ? nodeB : nodeA).url(), streamName);
    }

    /** The node whose records directory holds the stream's recording. */
    private static WildFlyProcess nodeOf(String streamName) throws InterruptedException {
        return Await.untilPresent("a recording of " + streamName + " on a node", Duration.ofSeconds(10), () -> {
            for (WildFlyProcess node : List.of(nodeA, nodeB)) {
                if (!RecordsDir.filesOf(node.recordsDir(), streamName).isEmpty()) {
                    return Optional.of(node);
                }
            }
            return Optional.empty();
        });
    }

    /** The recording plays (ffprobe, a full decode) for as long as it was published, and was uploaded exactly once. */
    private static void assertPlayableAndUploadedOnce(String stream, Path file) throws Exception {
        MediaProbe probe = MediaProbe.of(file);
        assertEquals("h264", probe.stream("video").orElseThrow().codecName(), probe.toString());
        // At least as long as it published (a drained node's streams included); the timeline starts at
        // the publish, a loaded machine's ICE some seconds before PUBLISHING.
        double seconds = (stoppedAt.get(stream) - publishingAt.get(stream)) / 1e9;
        assertTrue(probe.durationSeconds() > seconds - 1.5, "the " + seconds + " s it published at least: " + probe);
        assertEquals("", probe.decodeErrors(), file.toString());
        RecordsDir.awaitFile(uploadResult(file), Duration.ofSeconds(60));
        completedUpload(file);
        String key = json(Files.readString(uploadResult(file))).getString("key");
        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            List<String> keys = s3.listObjectsV2Paginator(r -> r.bucket(S3ProxyProcess.bucket())).contents().stream()
                    .map(object -> object.key()).filter(k -> k.startsWith(stream + "/")).toList();
            assertEquals(List.of(key), keys, "one object of " + stream);
        }
    }

    /**
     * The one COMPLETED upload execution of a recording, as every node lists them from the shared
     * repository. Others may come before it: an upload stopped by a drain's suspend, restarted later.
     */
    private static JsonObject completedUpload(Path file) throws Exception {
        // The result file is written as the last part is verified, a moment before the job ends.
        List<JsonObject> completed = Await.until("the completed upload of " + file.getFileName(), Duration.ofSeconds(10),
                () -> jobs(nodeB.isRunning() ? nodeB : nodeA).stream()
                        .filter(job -> Path.of(job.getString("file")).getFileName().equals(file.getFileName()))
                        .filter(job -> job.getString("batchStatus").equals("COMPLETED")).toList(),
                jobs -> !jobs.isEmpty());
        assertEquals(1, completed.size(), file + " was uploaded once: " + completed);
        return completed.get(0);
    }

    private static List<JsonObject> jobs(WildFlyProcess node) throws Exception {
        HttpResponse<String> response = HTTP.send(Operator.admin().request(node.url(), "api/jobs?count=100").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body()).getJsonArray("jobs").getValuesAs(JsonObject.class);
    }

    private static String nameOf(WildFlyProcess node) {
        return nodes.nameOf(node);
    }

    private static String names(Map<String, WildFlyProcess> where) {
        StringBuilder text = new StringBuilder();
        where.forEach((stream, node) -> text.append(stream).append(" on ").append(nameOf(node)).append("; "));
        return text.toString();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** Waits for {@code prefix} followed by an execution id in the node's log since {@code offset}. */
    private static long restartedAs(WildFlyProcess node, long offset, String prefix) throws InterruptedException {
        Pattern line = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
        return Await.untilPresent("'" + prefix + "' in the log of " + node.url(), Duration.ofSeconds(60), () -> {
            Matcher found = line.matcher(node.logSince(offset));
            return found.find() ? Optional.of(Long.parseLong(found.group(1))) : Optional.empty();
        });
    }

    private static JsonObject recording(WildFlyProcess node, Path file) throws Exception {
        HttpResponse<String> response = HTTP.send(Operator.admin().request(node.url(), "api/recordings/" + file.getFileName())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private static Path uploadResult(Path recording) {
        return recording.resolveSibling(recording.getFileName() + ".upload.json");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
