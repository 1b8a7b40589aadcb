package io.streamrecorder.it.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Carries a TCP port on loopback in one network namespace to loopback in another, through a UNIX
 * socket (a file both can open): socat listening on 127.0.0.1 on one side, socat connecting to
 * 127.0.0.1 on the other. The test JVM runs in the root namespace: {@link #intoNamespace} lets it
 * reach a server's loopback ports (HTTP, management) in a namespace, {@link #outOfNamespace} lets a
 * server there reach one of the test's (S3Proxy). No address or route is involved.
 */
public final class LoopbackBridge implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Namespace namespace;
    private final Process namespaceSide;
    private final Process rootSide;
    private final Path socket;

    private LoopbackBridge(Namespace namespace, Process namespaceSide, Process rootSide, Path socket) {
        this.namespace = namespace;
        this.namespaceSide = namespaceSide;
        this.rootSide = rootSide;
        this.socket = socket;
    }

    /** 127.0.0.1:{@code rootPort} in the root namespace leads to 127.0.0.1:{@code namespacePort} in {@code namespace}. */
    public static LoopbackBridge intoNamespace(Namespace namespace, int rootPort, int namespacePort, Path directory) {
        String name = "root-" + rootPort + "-to-" + namespace.name() + "-" + namespacePort;
        Path socket = prepare(directory, name);
        String logName = "bridge-from-root-" + rootPort;
        Process inside = namespace.start(logName, connector(socket, namespacePort), directory);
        Process outside = null;
        try {
            ListeningSockets.await("the bridge's UNIX socket " + socket.getFileName() + " in " + namespace,
                    namespace.command(List.of()), ListeningSockets.Socket.unix(socket.getFileName().toString()), inside,
                    namespace.log(logName), START_TIMEOUT);
            Path log = directory.resolve("logs").resolve("root-bridge-" + name + ".log");
            outside = startInRoot(listener(rootPort, socket), directory, log);
            ListeningSockets.await("the bridge's TCP port " + rootPort + " in the root namespace", List.of(),
                    ListeningSockets.Socket.tcp(rootPort), outside, log, START_TIMEOUT);
            return new LoopbackBridge(namespace, inside, outside, socket);
        } catch (RuntimeException | Error e) {
            new LoopbackBridge(namespace, inside, outside, socket).close();
            throw e;
        }
    }

    /** 127.0.0.1:{@code namespacePort} in {@code namespace} leads to 127.0.0.1:{@code rootPort} in the root namespace. */
    public static LoopbackBridge outOfNamespace(Namespace namespace, int namespacePort, int rootPort, Path directory) {
        String name = namespace.name() + "-" + namespacePort + "-to-root-" + rootPort;
        Path socket = prepare(directory, name);
        String logName = "bridge-to-root-" + rootPort;
        Path log = directory.resolve("logs").resolve("root-bridge-" + name + ".log");
        Process outside = startInRoot(connector(socket, rootPort), directory, log);
        Process inside = null;
        try {
            ListeningSockets.await("the bridge's UNIX socket " + socket.getFileName() + " in the root namespace", List.of(),
                    ListeningSockets.Socket.unix(socket.getFileName().toString()), outside, log, START_TIMEOUT);
            inside = namespace.start(logName, listener(namespacePort, socket), directory);
            ListeningSockets.await("the bridge's TCP port " + namespacePort + " in " + namespace, namespace.command(List.of()),
                    ListeningSockets.Socket.tcp(namespacePort), inside, namespace.log(logName), START_TIMEOUT);
            return new LoopbackBridge(namespace, inside, outside, socket);
        } catch (RuntimeException | Error e) {
            new LoopbackBridge(namespace, inside, outside, socket).close();
            throw e;
        }
    }

    /**
     * The socket's path; socat gets only its name and runs in {@code directory}, since a UNIX socket's
     * path may be at most 107 bytes and a clone's target/ can be deeper than that.
     */
    private static Path prepare(Path directory, String name) {
        NetworkPrerequisites.assumeCommands("socat");
        try {
            Files.createDirectories(directory.resolve("logs"));
            Path socket = directory.resolve(name + ".sock");
            Files.deleteIfExists(socket);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> listener(int port, Path socket) {
        return List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + socket.getFileName());
    }

    private static List<String> connector(Path socket, int port) {
        return List.of("socat", "UNIX-LISTEN:" + socket.getFileName() + ",fork,unlink-early", "TCP:127.0.0.1:" + port);
    }

    private static Process startInRoot(List<String> command, Path directory, Path log) {
        try {
            return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command), e);
        }
    }

    /** Stops both socat processes (connections open through them end) and removes the socket. */
    @Override
    public void close() {
        if (namespaceSide != null) {
            namespace.stop(namespaceSide);
        }
        if (rootSide != null) {
            Namespace.terminate(rootSide.toHandle());
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // A leftover socket file is removed before the next bridge of the same name starts.
        }
    }
}
