package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The upload jobs' repository on PostgreSQL (job-repository-postgresql.cli), for one node and for
 * two. Two WildFly nodes of one installation, on their own ports and records directories, sharing a
 * PostgreSQL job repository and the bucket: each records its own streams; the other node's
 * restarts do not lose a node's running upload; one is killed mid-upload while the other records
 * and uploads on, and the killed node finishes its own upload when it comes back. Both nodes are
 * started for this test; the lane's own server goes on untouched on its embedded repository.
 */
class TwoNodesIT {

    private static final int POSTGRES_PORT = 55433 + Lane.portOffset();
    private static final int NODE_A_PORT_OFFSET = 100 + Lane.portOffset();
    private static final int NODE_B_PORT_OFFSET = 150 + Lane.portOffset();
    private static final long MIB = 1024 * 1024;
    /**
     * At node A's pace of 8 MiB/s, a minute of upload: it outlasts node B's restart (about 30 s,
     * counted from a few parts in) and the kill that follows.
     */
    private static final long LARGE = 480 * MIB;
    private static final int NODE_A_MIB_PER_SECOND = 8;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Path SCRIPTS = Path.of(System.getProperty("server.config.dir"), "wildfly");
    private static PostgresProcess postgres;
    private static WildFlyProcess nodeA;
    private static WildFlyProcess nodeB;

    /**
     * Two nodes of their own, on PostgreSQL: the installation's configuration is moved onto it just
     * long enough to copy it for them, so the lane's server goes on as it is, on its embedded repository.
     */
    @BeforeAll
    static void twoNodesOnPostgresql() throws Exception {
        postgres = PostgresProcess.start("job-repository", POSTGRES_PORT);
        Path build = WildFlyProcess.home().getParent();
        WildFlyProcess.configure(SCRIPTS.resolve("job-repository-postgresql.cli"));
        try {
            nodeA = WildFlyProcess.secondNode(build.resolve("it-node-a" + Lane.suffix()), NODE_A_PORT_OFFSET,
                    build.resolve("it-records-node-a" + Lane.suffix()));
            nodeB = WildFlyProcess.secondNode(build.resolve("it-node-b" + Lane.suffix()), NODE_B_PORT_OFFSET,
                    build.resolve("it-records-node-b" + Lane.suffix()));
        } finally {
            WildFlyProcess.configure(SCRIPTS.resolve("job-repository-h2.cli"));
        }
        // Node A before node B: the first to use the repository creates its tables.
        nodeA.start(settings(postgres, "node-a"));
    }

    @AfterAll
    static void stopTheNodes() throws Exception {
        try {
            for (WildFlyProcess node : new WildFlyProcess[] {nodeB, nodeA}) {
                if (node != null) {
                    node.stopIfRunning();
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** The upload jobs' repository on PostgreSQL: jobs run, and their executions are rows that outlive a restart. */
    @Test
    void keepsUploadJobsInPostgresqlAcrossRestarts() throws Exception {
        Path recording = UploadApi.generateRecording(nodeA.recordsDir(), "postgres-" + System.nanoTime(), 2000);
        long execution = UploadApi.queue(nodeA.url(), recording);
        JsonObject done = UploadApi.await(nodeA.url(), execution, UploadApi::ended, Duration.ofSeconds(60));
        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        // The batch runtime writes the execution's end just after it reports it.
        Await.until("execution " + execution + " to be a COMPLETED row in PostgreSQL", Duration.ofSeconds(10),
                () -> postgres.query("select batchstatus from job_execution where jobexecutionid = " + execution),
                "COMPLETED"::equals);
        assertEquals(1, Integer.parseInt(postgres.query("select count(*) from step_execution where jobexecutionid = "
                + execution)), "with its step");

        nodeA.stop();
        nodeA.start(settings(postgres, "node-a"));
        assertEquals("COMPLETED", UploadApi.status(nodeA.url(), execution).getString("batchStatus"),
                "the server reads its jobs back from PostgreSQL after a restart");
    }

    @Test
    void eachNodeRecordsAndUploadsItsOwnAndResumesItsOwnAfterAKill() throws Exception {
        nodeB.start(settings(postgres, "node-b"));
        recordOnBothKillOne(postgres, nodeA, nodeB);
    }

    private void recordOnBothKillOne(PostgresProcess postgres, WildFlyProcess nodeA, WildFlyProcess nodeB) throws Exception {
        List<Path> uploaded = new ArrayList<>();
        Path large;
        long stoppedByB;
        try (Browser publisherA = new Browser(); Browser publisherB = new Browser()) {
            publisherA.openRecordingPage(nodeA.url());
            publisherA.startPublishing("node-a-" + System.nanoTime(), Duration.ofSeconds(20));
            publisherB.openRecordingPage(nodeB.url());
            publisherB.startPublishing("node-b-" + System.nanoTime(), Duration.ofSeconds(20));
            Publishing.keepFor(Duration.ofSeconds(3));
            Path recordedA = nodeA.recordsDir().resolve(publisherA.stopPublishing());
            RecordsDir.awaitFile(uploadResult(recordedA), Duration.ofSeconds(60));
            assertEquals("node-a", recording(nodeA, recordedA).getString("node"));
            uploaded.add(recordedA);

            // A paced upload on node A, long enough for node B to restart under it and for A to die in.
            large = UploadApi.generateRecording(nodeA.recordsDir(), "node-a-large-" + System.nanoTime(), LARGE);
            stoppedByB = UploadApi.queue(nodeA.url(), large);
            UploadApi.await(nodeA.url(), stoppedByB, s -> UploadApi.partsWritten(s) >= 2, Duration.ofSeconds(60));

            JsonObject seenFromB = UploadApi.status(nodeB.url(), stoppedByB);
            assertEquals("node-a", seenFromB.getString("node"), "node B lists node A's job with its owner: " + seenFromB);
            HttpResponse<String> restart = HTTP.send(Operator.admin().request(nodeB.url(), "api/jobs/" + stoppedByB + "/restart")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(409, restart.statusCode(), restart.body());
            assertTrue(restart.body().contains("belongs to node node-a"), restart.body());

            Path recordedB = nodeB.recordsDir().resolve(publisherB.stopPublishing());
            RecordsDir.awaitFile(uploadResult(recordedB), Duration.ofSeconds(60));
            assertEquals("node-b", recording(nodeB, recordedB).getString("node"));
            uploaded.add(recordedB);
        }

        // Node B restarts while node A uploads: WildFly stops every running job of the shared repository
        // as it shuts down, node A's too; node A restarts its own from its checkpoint, and node B, starting,
        // leaves it alone.
        long logA = nodeA.logSize();
        long logB = nodeB.logSize();
        nodeB.stop();
        nodeB.start(settings(postgres, "node-b"));
        assertTrue(nodeB.logSince(logB).contains("belongs to node node-a; left to it"), "node B must not restart node A's upload");
        long resumed = restartedAs(nodeA, logA, "Upload job execution " + stoppedByB + " was stopped by another node; restarted as ");
        UploadApi.await(nodeA.url(), resumed, s -> UploadApi.partsWritten(s) >= 2, Duration.ofSeconds(60));

        // Node A is killed mid-upload; node B records and uploads on, and restarts once more, which
        // asks node A's dead upload to stop.
        nodeA.kill();
        try (Browser publisherB = new Browser()) {
            publisherB.openRecordingPage(nodeB.url());
            publisherB.startPublishing("node-b-alone-" + System.nanoTime(), Duration.ofSeconds(20));
            Publishing.keepFor(Duration.ofSeconds(3));
            Path recordedB = nodeB.recordsDir().resolve(publisherB.stopPublishing());
            RecordsDir.awaitFile(uploadResult(recordedB), Duration.ofSeconds(60));
            uploaded.add(recordedB);
        }
        nodeB.stop();
        nodeB.start(settings(postgres, "node-b"));
        assertEquals("STOPPING", postgres.query("select batchstatus from job_execution where jobexecutionid = " + resumed),
                "node B's shutdown marked node A's dead upload");

        // Node A comes back and finishes its own upload from its last checkpoint; unpaced now, as the
        // pace was only there to keep the upload running through node B's restart and the kill.
        logA = nodeA.logSize();
        Map<String, String> unpaced = new HashMap<>(settings(postgres, "node-a"));
        unpaced.put("STREAMRECORDER_UPLOAD_MAX_MIB_PER_SECOND", "0");
        nodeA.start(unpaced);
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

    /** Waits for {@code prefix} followed by an execution id in the node's log since {@code offset}. */
    private static long restartedAs(WildFlyProcess node, long offset, String prefix) throws InterruptedException {
        Pattern line = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
        return Await.untilPresent("'" + prefix + "' in the log of " + node.url(), Duration.ofSeconds(60), () -> {
            Matcher found = line.matcher(node.logSince(offset));
            return found.find() ? Optional.of(Long.parseLong(found.group(1))) : Optional.empty();
        });
    }

    private static Map<String, String> settings(PostgresProcess postgres, String node) {
        return Map.of("STREAMRECORDER_JOB_REPOSITORY_URL", postgres.jdbcUrl(), "STREAMRECORDER_NODE_NAME", node,
                "STREAMRECORDER_UPLOAD_MAX_MIB_PER_SECOND", node.equals("node-a") ? Integer.toString(NODE_A_MIB_PER_SECOND) : "0");
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
