package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two WildFly nodes of the build's installation (each its own base directory, ports moved by
 * {@link #NODE_A_PORT_OFFSET} and {@link #NODE_B_PORT_OFFSET}, records directory), named node-a and
 * node-b, on one PostgreSQL job repository and the lane's S3Proxy, behind the front door
 * ({@link FrontDoor}). The installation's configuration is moved onto PostgreSQL just long enough to
 * copy it for them, so the lane's own server goes on as it is, on its embedded repository.
 */
final class TwoNodes implements AutoCloseable {

    static final int NODE_A_PORT_OFFSET = 100 + Lane.portOffset();
    static final int NODE_B_PORT_OFFSET = 150 + Lane.portOffset();
    private static final int POSTGRES_PORT = 55433 + Lane.portOffset();
    private static final int FRONT_DOOR_PORT = 9543 + Lane.portOffset();
    private static final int RUNTIME_API_PORT = 9544 + Lane.portOffset();
    /** Node A uploads at this pace, so that an upload of a few hundred MiB outlasts a restart of node B. */
    static final int NODE_A_MIB_PER_SECOND = 8;
    private static final Path SCRIPTS = Path.of(System.getProperty("server.config.dir"), "wildfly");
    private static final HttpClient HTTP = PlainHttp.client();

    final PostgresProcess postgres;
    final WildFlyProcess nodeA;
    final WildFlyProcess nodeB;
    private FrontDoor frontDoor;

    private TwoNodes(PostgresProcess postgres, WildFlyProcess nodeA, WildFlyProcess nodeB) {
        this.postgres = postgres;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
    }

    /** Starts PostgreSQL, node A (which creates the repository's tables), node B and the front door; returns once both nodes are UP in it. */
    static TwoNodes start() throws Exception {
        PostgresProcess postgres = PostgresProcess.start("job-repository", POSTGRES_PORT);
        Path build = WildFlyProcess.home().getParent();
        WildFlyProcess nodeA;
        WildFlyProcess nodeB;
        WildFlyProcess.configure(SCRIPTS.resolve("job-repository-postgresql.cli"));
        try {
            nodeA = WildFlyProcess.secondNode(build.resolve("it-node-a" + Lane.suffix()), NODE_A_PORT_OFFSET,
                    build.resolve("it-records-node-a" + Lane.suffix()));
            nodeB = WildFlyProcess.secondNode(build.resolve("it-node-b" + Lane.suffix()), NODE_B_PORT_OFFSET,
                    build.resolve("it-records-node-b" + Lane.suffix()));
        } finally {
            WildFlyProcess.configure(SCRIPTS.resolve("job-repository-h2.cli"));
        }
        TwoNodes nodes = new TwoNodes(postgres, nodeA, nodeB);
        try {
            nodeA.start(nodes.settings(nodeA));
            nodeB.start(nodes.settings(nodeB));
            nodes.frontDoor = FrontDoor.start(build.resolve("front-door" + Lane.suffix()), FRONT_DOOR_PORT, RUNTIME_API_PORT,
                    List.of(new FrontDoor.Node("node-a", 8080 + NODE_A_PORT_OFFSET, 9990 + NODE_A_PORT_OFFSET),
                            new FrontDoor.Node("node-b", 8080 + NODE_B_PORT_OFFSET, 9990 + NODE_B_PORT_OFFSET)));
            nodes.awaitInTurn(nodeA);
            nodes.awaitInTurn(nodeB);
            return nodes;
        } catch (Exception | Error e) {
            nodes.close();
            throw e;
        }
    }

    FrontDoor frontDoor() {
        return frontDoor;
    }

    /** A node's settings: the shared repository, its name, node A's paced uploads, and the proxy it trusts. */
    Map<String, String> settings(WildFlyProcess node) {
        return Map.of("STREAMRECORDER_JOB_REPOSITORY_URL", postgres.jdbcUrl(), "STREAMRECORDER_NODE_NAME", nameOf(node),
                "STREAMRECORDER_UPLOAD_MAX_MIB_PER_SECOND", node == nodeA ? Integer.toString(NODE_A_MIB_PER_SECOND) : "0",
                "STREAMRECORDER_HTTP_TRUSTED_PROXIES", FrontDoor.PROXY_ADDRESS);
    }

    String nameOf(WildFlyProcess node) {
        return node == nodeA ? "node-a" : "node-b";
    }

    /** Starts the node unless it runs, and waits until the front door holds it UP; returns how long that wait took. */
    Duration awaitInTurn(WildFlyProcess node) throws Exception {
        if (!node.isRunning()) {
            node.start(settings(node));
        }
        try {
            return frontDoor.awaitState(nameOf(node), "UP", Duration.ofSeconds(30));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its readiness: " + readinessBody(node), e);
        }
    }

    /** The node's MicroProfile Health readiness status: 200 UP, 503 DOWN. */
    int readiness(WildFlyProcess node) throws IOException, InterruptedException {
        return HTTP.send(readinessRequest(node), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until the node's readiness is DOWN. */
    void awaitNotReady(WildFlyProcess node, Duration timeout) throws InterruptedException {
        Await.until(nameOf(node) + "'s readiness to turn DOWN", timeout, () -> readiness(node) == 503);
    }

    private String readinessBody(WildFlyProcess node) {
        try {
            HttpResponse<String> response = HTTP.send(readinessRequest(node), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private HttpRequest readinessRequest(WildFlyProcess node) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort(node) + "/health/ready")).build();
    }

    /** Runs one operation on the node's management API, e.g. {@code {"operation":"suspend","suspend-timeout":-1}}. */
    void manage(WildFlyProcess node, String operation) {
        try {
            ManagementApi.execute("http://127.0.0.1:" + managementPort(node) + "/management", operation);
        } catch (IOException e) {
            throw new IllegalStateException(operation + " on " + nameOf(node), e);
        }
    }

    /** Asks a drained node to shut down and waits until its process has ended. */
    void shutDown(WildFlyProcess node) {
        manage(node, "{\"operation\":\"shutdown\",\"suspend-timeout\":60}");
        assertTrue(node.awaitExit(Duration.ofSeconds(60)), nameOf(node) + " shuts down");
    }

    private int managementPort(WildFlyProcess node) {
        return 9990 + (node == nodeA ? NODE_A_PORT_OFFSET : NODE_B_PORT_OFFSET);
    }

    @Override
    public void close() throws Exception {
        try {
            if (frontDoor != null) {
                frontDoor.close();
            }
            try {
                nodeB.stopIfRunning();
            } finally {
                nodeA.stopIfRunning();
            }
        } finally {
            postgres.close();
        }
    }
}
