package io.streamrecorder.it.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * coturn on a host of the small internet, with time-limited credentials ({@code use-auth-secret}):
 * the shared secret is made for each run and kept in a configuration file only its owner may read
 * (never on a command line, never logged); the test hands it to the recording server and can mint
 * credentials with it ({@link TurnCredentials}). UDP and TCP on 3478, no TLS, relay ports
 * {@value #MIN_RELAY_PORT}-{@value #MAX_RELAY_PORT}; its output goes to the namespace's log.
 */
public final class TurnServer implements AutoCloseable {

    public static final int PORT = 3478;
    public static final int MIN_RELAY_PORT = 49160;
    public static final int MAX_RELAY_PORT = 49199;
    public static final String REALM = "streamrecorder.test";
    static final String LOG_NAME = "turnserver";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Namespace host;
    private final String address;
    private final String secret;
    private final Path directory;
    private final Process process;

    private TurnServer(Namespace host, String address, String secret, Path directory, Process process) {
        this.host = host;
        this.address = address;
        this.secret = secret;
        this.directory = directory;
        this.process = process;
    }

    /** Starts coturn in {@code host}, listening and relaying on {@code address}, and waits until it listens. */
    public static TurnServer start(Namespace host, String address, Path parent) {
        NetworkPrerequisites.assumeCommands("turnserver");
        String secret = newSecret();
        Path directory = null;
        Process process = null;
        try {
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, "turn-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path configuration = Files.createFile(directory.resolve("turnserver.conf"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(configuration, String.join("\n",
                    "listening-ip=" + address,
                    "relay-ip=" + address,
                    "listening-port=" + PORT,
                    "min-port=" + MIN_RELAY_PORT,
                    "max-port=" + MAX_RELAY_PORT,
                    "realm=" + REALM,
                    "use-auth-secret",
                    "static-auth-secret=" + secret,
                    "fingerprint",
                    "no-tls",
                    "no-dtls",
                    "no-cli",
                    "log-file=stdout",
                    "simple-log",
                    "no-software-attribute",
                    "pidfile=" + directory.resolve("turnserver.pid"),
                    // No relaying into private networks, as a TURN server on the internet is set up
                    // (docs/networks.md); relayed to the node's private candidate, where the TURN host has
                    // no route, a third of the relayed publishes never connected.
                    "denied-peer-ip=10.0.0.0-10.255.255.255",
                    "denied-peer-ip=172.16.0.0-172.31.255.255",
                    "denied-peer-ip=192.168.0.0-192.168.255.255",
                    // Its own user database: the package's default (/var/lib/turn) is shared by every coturn here.
                    "userdb=" + directory.resolve("turndb")) + "\n", StandardCharsets.UTF_8);
            process = host.start(LOG_NAME, List.of("turnserver", "-c", configuration.toString()));
            TurnServer server = new TurnServer(host, address, secret, directory, process);
            host.awaitUdpListening(process, LOG_NAME, PORT, START_TIMEOUT);
            host.awaitTcpListening(process, LOG_NAME, PORT, START_TIMEOUT);
            return server;
        } catch (IOException e) {
            stopQuietly(host, process, directory);
            throw new UncheckedIOException("could not write coturn's configuration under " + parent, e);
        } catch (RuntimeException | Error e) {
            stopQuietly(host, process, directory);
            throw e;
        }
    }

    private static void stopQuietly(Namespace host, Process process, Path directory) {
        if (process != null) {
            host.stop(process);
        }
        deleteQuietly(directory);
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The shared secret, for the recording server ({@code STREAMRECORDER_ICE_TURN_SECRET}); do not log it. */
    public String secret() {
        return secret;
    }

    public String address() {
        return address;
    }

    /** Credentials for {@code name} that expire {@code validFor} from now (a negative duration: already expired). */
    public TurnCredentials credentials(String name, Duration validFor) {
        return TurnCredentials.mint(secret, name, Instant.now().plus(validFor));
    }

    /** The server as a browser's ICE configuration names it, e.g. {@code turn:198.51.100.5:3478?transport=udp}. */
    public String url(String transport) {
        return "turn:" + address + ":" + PORT + "?transport=" + transport;
    }

    /** coturn's output (it logs neither the secret nor passwords). */
    public Path log() {
        return host.log(LOG_NAME);
    }

    /** Stops coturn and deletes its configuration, secret and all. */
    @Override
    public void close() {
        try {
            host.stop(process);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Only its owner can read what is left, and the next clean removes it.
        }
    }

    /** Names the server, never its secret. */
    @Override
    public String toString() {
        return "TurnServer[" + address + ":" + PORT + " in " + host + "]";
    }
}
