package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HAProxy running the repository's server-config/haproxy/front-door.cfg in front of nodes on this
 * machine: the file's addresses and ports moved to the nodes', its TLS certificate the tests' own,
 * its health checks every {@link #CHECK_INTERVAL} instead of 2 s, its connections to the nodes from
 * {@link #PROXY_ADDRESS} (the one address the nodes trust to tell them the client's), and HAProxy's
 * runtime API on a port of its own, which the tests read each server's state from.
 */
final class FrontDoor implements AutoCloseable {

    /** Where HAProxy connects to the nodes from. */
    static final String PROXY_ADDRESS = "127.0.0.2";
    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    /** The file's addresses of the nodes, by server name. */
    private static final Map<String, String> CONFIGURED = Map.of("node-a", "10.0.0.11:8080", "node-b", "10.0.0.12:8080");

    /** A node as the front door sees it: its server name (= its streamrecorder.node.name) and ports on 127.0.0.1. */
    record Node(String name, int httpPort, int managementPort) {
    }

    private final HaproxyProcess haproxy;
    private final int port;
    private final int runtimePort;

    private FrontDoor(HaproxyProcess haproxy, int port, int runtimePort) {
        this.haproxy = haproxy;
        this.port = port;
        this.runtimePort = runtimePort;
    }

    /** Writes the configuration into {@code directory}, starts HAProxy on {@code port} and returns once it listens. */
    static FrontDoor start(Path directory, int port, int runtimePort, List<Node> nodes)
            throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(directory);
        Path pem = directory.resolve("stream-recorder.pem");
        TestKeyStore.writePem(pem);
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, configFor(pem, port, runtimePort, nodes));
        return new FrontDoor(HaproxyProcess.start(config, port), port, runtimePort);
    }

    /** The application through the front door, ending in a slash. */
    String url() {
        return "https://127.0.0.1:" + port + "/stream-recorder/";
    }

    /** The server's state in the backend that checks it: UP, DOWN, MAINT, or a transition such as "UP 1/2". */
    String state(String server) throws IOException {
        List<String> lines = runtime("show stat").lines().toList();
        List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
        int proxy = header.indexOf("pxname");
        int name = header.indexOf("svname");
        int status = header.indexOf("status");
        return lines.stream().skip(1).map(line -> line.split(",", -1))
                .filter(fields -> fields.length > status && fields[proxy].equals("nodes") && fields[name].equals(server))
                .map(fields -> fields[status]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no server " + server + " in:\n" + String.join("\n", lines)));
    }

    /** Waits until HAProxy holds {@code server} to be {@code state}; returns how long that took. */
    Duration awaitState(String server, String state, Duration timeout) throws InterruptedException {
        long from = System.nanoTime();
        Await.until("HAProxy to hold " + server + " " + state, timeout, () -> state(server), state::equals);
        return Duration.ofNanos(System.nanoTime() - from);
    }

    /**
     * Takes {@code server} out of the publishes' round robin (weight 0) or puts it back: how a test
     * makes the next publishes land on the other node without waiting for their turns.
     */
    void takePublishes(String server, boolean takes) throws IOException {
        String answer = runtime("set weight publishes/" + server + (takes ? " 100%" : " 0")).strip();
        assertTrue(answer.isEmpty(), "HAProxy's runtime API answered: " + answer);
    }

    /** One command to HAProxy's runtime API, and its answer. */
    String runtime(String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", runtimePort), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** HAProxy's log: a line per request, naming the backend and server that took it. */
    String log() throws IOException {
        return haproxy.log();
    }

    @Override
    public void close() throws InterruptedException {
        haproxy.close();
    }

    private static String configFor(Path pem, int port, int runtimePort, List<Node> nodes) throws IOException {
        String config = Files.readString(Path.of(System.getProperty("server.config.dir"), "haproxy", "front-door.cfg"));
        config = replaceOnce(config, "log /dev/log local0", "log stdout format raw local0\n"
                + "    stats socket ipv4@127.0.0.1:" + runtimePort + " level admin");
        config = replaceOnce(config, "bind :443 ssl crt /etc/haproxy/stream-recorder.pem", "bind 127.0.0.1:" + port + " ssl crt " + pem);
        config = replaceOnce(config, "    bind :80\n", "");
        config = replaceOnce(config, "inter 2s", "inter " + CHECK_INTERVAL.toMillis() + "ms");
        for (Node node : nodes) {
            String configured = CONFIGURED.get(node.name());
            String moved = "127.0.0.1:" + node.httpPort() + " source " + PROXY_ADDRESS;
            config = config.lines().map(line -> !line.strip().startsWith("server " + node.name() + " ") ? line
                    : line.replace(configured, moved).replace("port 9990", "port " + node.managementPort()))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
        return config;
    }

    private static String replaceOnce(String config, String text, String replacement) {
        int at = config.indexOf(text);
        assertTrue(at >= 0 && config.indexOf(text, at + 1) < 0, "server-config/haproxy/front-door.cfg has '"
                + text.strip() + "' once: the test moves it to its own ports");
        return config.substring(0, at) + replacement + config.substring(at + text.length());
    }
}
