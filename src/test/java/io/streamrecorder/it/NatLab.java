package io.streamrecorder.it;

import io.streamrecorder.it.net.ChromiumInNamespace;
import io.streamrecorder.it.net.Internet;
import io.streamrecorder.it.net.LoopbackBridge;
import io.streamrecorder.it.net.TurnServer;
import io.streamrecorder.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A node with only a private address behind a cloud's 1:1 NAT, in a small internet of network
 * namespaces ({@link Internet}), with coturn on the public side and Chromium behind a masquerading
 * home router. The node's HTTP and management ports reach this JVM, and the lane's S3Proxy reaches
 * the node, over loopback bridges ({@link LoopbackBridge}): no address outside the namespaces is
 * used. ICE settings are changed on the running node through its management API.
 */
final class NatLab implements AutoCloseable {

    /** The recording page as the client sees it: the node's public address, HTTPS. */
    static final String PAGE = "https://" + Internet.SERVER_PUBLIC_ADDRESS + ":8443/stream-recorder/";
    private static final List<String> ICE_SETTINGS = List.of("streamrecorder.ice.public-addresses",
            "streamrecorder.ice.servers", "streamrecorder.ice.publisher-servers");
    private static final Pattern PAIR = Pattern.compile("Stream (\\S+): media over the candidate pair (.*)");

    private final Internet internet;
    private final List<AutoCloseable> running = new ArrayList<>();
    private TurnServer turn;
    private WildFlyProcess node;
    private String management;

    private NatLab(Internet internet) {
        this.internet = internet;
    }

    /** Builds the internet (a test is skipped where namespaces cannot be made) and starts coturn and the node. */
    static NatLab start(Duration connectTimeout) throws Exception {
        NatLab lab = new NatLab(Internet.build());
        try {
            lab.startTurnAndNode(connectTimeout);
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private void startTurnAndNode(Duration connectTimeout) throws Exception {
        Path directory = internet.directory();
        turn = TurnServer.start(internet.turnHost(), Internet.TURN_ADDRESS, directory);
        running.add(turn);
        int http = freePort();
        int managementPort = freePort();
        int s3 = Integer.getInteger("s3.port");
        running.add(LoopbackBridge.intoNamespace(internet.server(), http, 8080, directory));
        running.add(LoopbackBridge.intoNamespace(internet.server(), managementPort, 9990, directory));
        running.add(LoopbackBridge.outOfNamespace(internet.server(), s3, s3, directory));
        management = "http://127.0.0.1:" + managementPort + "/management";
        node = WildFlyProcess.secondNode(WildFlyProcess.home().getParent().resolve("it-node-nat" + Lane.suffix()), 0,
                        Path.of("target/it-records-nat" + Lane.suffix()).toAbsolutePath())
                .launchedThrough(internet.server().command(List.of()), List.of("-Djboss.bind.address=0.0.0.0"),
                        "http://127.0.0.1:" + http + "/stream-recorder/");
        running.add(0, node::stopIfRunning);
        // The secret reaches the node as an operator's would: in its environment, never on a command
        // line. The lane's webhook receiver is not carried into the namespace.
        node.start(Map.of("STREAMRECORDER_ICE_TURN_SECRET", turn.secret(),
                "STREAMRECORDER_ICE_CONNECT_TIMEOUT_SECONDS", Long.toString(connectTimeout.toSeconds()),
                "STREAMRECORDER_UPLOAD_WEBHOOK_URL", "", "STREAMRECORDER_NODE_NAME", "behind-nat"));
    }

    Internet internet() {
        return internet;
    }

    TurnServer turn() {
        return turn;
    }

    /** The node as this JVM reaches it, for tokens and the REST API. */
    String nodeUrl() {
        return node.url();
    }

    /** No ICE settings on the node, and a client network that lets everything through. */
    void reset() throws IOException {
        for (String setting : ICE_SETTINGS) {
            ManagementApi.removeSystemProperty(management, setting);
        }
        internet.clientFirewall().allowEverything();
    }

    void set(String setting, String value) throws IOException {
        ManagementApi.setSystemProperty(management, setting, value);
    }

    /** Chromium with its fake camera behind the home router. */
    Browser browser() {
        return ChromiumInNamespace.open(internet.client(), internet.directory(), List.of());
    }

    /** Everything the node has logged. */
    String nodeLog() throws IOException {
        return node.logSince(0);
    }

    /** UDP sockets the node holds now (what a firewall in front of it must let through, per stream). */
    long nodeUdpSockets() {
        return internet.server().run("ss", "-uanpH").lines().filter(line -> line.contains("\"java\"")).count();
    }

    /** The candidate pair the node's log names for the stream's media. */
    String candidatePair(String name) throws InterruptedException {
        return Await.untilPresent("the node to log the candidate pair of " + name, Duration.ofSeconds(5), () -> {
            Matcher pairs = PAIR.matcher(node.logSince(0));
            Optional<String> found = Optional.empty();
            while (pairs.find()) {
                if (pairs.group(1).equals(name)) {
                    found = Optional.of(pairs.group(2));
                }
            }
            return found;
        });
    }

    Path awaitFinished(String name) throws InterruptedException {
        return RecordsDir.awaitFinished(node.recordsDir(), name, Duration.ofSeconds(30));
    }

    /** The node's files of the stream, finished or partial. */
    List<Path> filesOf(String name) throws IOException {
        return RecordsDir.filesOf(node.recordsDir(), name);
    }

    /** The keys under the stream's name in the lane's bucket (S3Proxy keeps them as files). */
    static List<String> uploaded(String name) throws IOException {
        Path keys = Path.of(System.getProperty("s3proxy.dir"), "data", S3ProxyProcess.bucket(), name);
        if (!Files.isDirectory(keys)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(keys)) {
            return files.map(f -> name + "/" + f.getFileName()).toList();
        }
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        internet.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
