package io.streamrecorder.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A WildFly node of the server the build provisioned: the build's own ({@link #primary()}), or
 * another node of the same installation with its own base directory (configuration, log, data),
 * ports and records directory. Kill -9 or stop it, and start it again the way the build did (same
 * environment, plus settings).
 */
final class WildFlyProcess {

    private static final int HTTP_PORT = 8080;
    private static final Duration SHUTDOWN = Duration.ofMinutes(2);
    private static final Pattern BASE_DIR = Pattern.compile("-Djboss\\.server\\.base\\.dir=(\\S+)");
    private static final Pattern MANAGED_DEPLOYMENTS = Pattern.compile("\\s*<deployments>.*?</deployments>", Pattern.DOTALL);

    private final Path baseDir;
    private final Path recordsDir;
    private final List<String> arguments;
    /** What standalone.sh is started through (a network namespace's {@code ip netns exec}); none by default. */
    private final List<String> launcher;
    private final String url;

    private WildFlyProcess(Path baseDir, int portOffset, Path recordsDir, List<String> arguments) {
        this(baseDir, recordsDir, arguments, List.of(), "http://127.0.0.1:" + (HTTP_PORT + portOffset) + "/stream-recorder/");
    }

    private WildFlyProcess(Path baseDir, Path recordsDir, List<String> arguments, List<String> launcher, String url) {
        this.baseDir = baseDir;
        this.recordsDir = recordsDir;
        this.arguments = arguments;
        this.launcher = launcher;
        this.url = url;
    }

    /**
     * This node started through {@code launcher} (into a network namespace) with more arguments
     * (the addresses to bind), reached from here at {@code url}: through a bridge into the namespace.
     */
    WildFlyProcess launchedThrough(List<String> launcher, List<String> moreArguments, String url) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(moreArguments);
        return new WildFlyProcess(baseDir, recordsDir, all, launcher, url);
    }

    /** This lane's server ({@link Lane}): in lane 1 the one the build started, on the default ports. */
    static WildFlyProcess primary() {
        int offset = Lane.portOffset();
        return new WildFlyProcess(home().resolve("standalone"), offset, RecordsDir.path(),
                offset == 0 ? List.of() : List.of("-Djboss.socket.binding.port-offset=" + offset));
    }

    /**
     * Another node of the installation under {@code baseDir}, its ports moved by {@code portOffset}:
     * the primary's configuration (as it is now, so configure it first) and WAR, none of its data.
     */
    static WildFlyProcess secondNode(Path baseDir, int portOffset, Path recordsDir) throws IOException {
        deleteRecursively(baseDir);
        Files.createDirectories(baseDir);
        Path configuration = home().resolve("standalone/configuration");
        try (Stream<Path> files = Files.walk(configuration)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, baseDir.resolve("configuration").resolve(configuration.relativize(file).toString()));
            }
        }
        // A redeploy through the management API (RedeployIT) leaves the primary's deployment managed, named
        // in its configuration with content only it has: the node deploys the WAR from its own directory.
        Path standalone = baseDir.resolve("configuration/standalone.xml");
        Files.writeString(standalone, MANAGED_DEPLOYMENTS.matcher(Files.readString(standalone)).replaceAll(""));
        Files.createDirectories(baseDir.resolve("deployments"));
        Files.copy(home().resolve("standalone/deployments/stream-recorder.war"),
                baseDir.resolve("deployments/stream-recorder.war"), StandardCopyOption.COPY_ATTRIBUTES);
        return new WildFlyProcess(baseDir, portOffset, recordsDir, List.of("-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + portOffset));
    }

    static Path home() {
        return Path.of(System.getProperty("server.home"));
    }

    /** The application's URL on this node, ending in a slash. */
    String url() {
        return url;
    }

    Path recordsDir() {
        return recordsDir;
    }

    /** SIGKILL: no shutdown hooks, no undeploy, as a power cut would do it. */
    void kill() {
        ProcessHandle server = running();
        server.destroyForcibly();
        server.onExit().join();
    }

    /** The running server's process id, for reading its /proc entries. */
    long pid() {
        return running().pid();
    }

    /** The server's log file (the console log holds the same lines). */
    Path serverLog() {
        return baseDir.resolve("log/server.log");
    }

    /** How far the server's log has got: an offset for {@link #logSince}. */
    long logSize() throws IOException {
        return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
    }

    /** What the server logged after {@code offset}, a {@link #logSize} taken earlier (all of it if the log is shorter now). */
    String logSince(long offset) throws IOException {
        byte[] log = Files.readAllBytes(serverLog());
        int from = offset <= log.length ? (int) offset : 0;
        return new String(log, from, log.length - from, StandardCharsets.UTF_8);
    }

    private ProcessHandle running() {
        return find().orElseThrow(() -> new IllegalStateException("no WildFly running from " + baseDir));
    }

    /**
     * The installation's servers told apart by base directory: standalone.sh passes it, a server
     * started without one (the build's launcher may) runs from the installation's {@code standalone}.
     */
    private Optional<ProcessHandle> find() {
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String command = p.info().commandLine().orElse("");
                    if (!command.contains(home().resolve("jboss-modules.jar").toString())) {
                        return false;
                    }
                    Matcher base = BASE_DIR.matcher(command);
                    Path runsFrom = base.find() ? Path.of(base.group(1)) : home().resolve("standalone");
                    return runsFrom.normalize().equals(baseDir.normalize());
                })
                .findFirst();
    }

    boolean isRunning() {
        return find().isPresent();
    }

    /** Waits for the server's process to end (a shutdown asked through its management API); true if it did within {@code timeout}. */
    boolean awaitExit(Duration timeout) {
        return find().map(server -> {
            try {
                server.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(true);
    }

    /** A clean shutdown if the server runs; nothing otherwise. */
    void stopIfRunning() {
        find().ifPresent(WildFlyProcess::terminate);
    }

    /** SIGTERM: a clean shutdown, recordings finalised. */
    void stop() {
        terminate(running());
    }

    /**
     * SIGTERM, then SIGKILL if the server has not ended within {@link #SHUTDOWN}: a shutdown waits for
     * a drain, which waits for live streams up to an hour, and a test that failed midway may have left
     * some publishing. The kill fails the test that asked for a clean shutdown.
     */
    private static void terminate(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            server.destroyForcibly();
            server.onExit().join();
            throw new AssertionError("WildFly " + server.pid() + " did not shut down within " + SHUTDOWN + "; killed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void start() throws IOException, InterruptedException {
        start(Map.of());
    }

    /** Starts the server as the build did, with {@code settings} (environment variables) added or replaced. */
    void start(Map<String, String> settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(home().resolve("bin/standalone.sh").toString());
        command.addAll(arguments);
        Files.createDirectories(serverLog().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog().resolveSibling("restarted-console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_OPTS", "-Xms64m -Xmx1g -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true -XX:TieredStopAtLevel=1");
        env.putAll(ServerEnvironment.forTests());
        env.put("STREAMRECORDER_RECORDS_DIR", recordsDir.toString());
        env.putAll(settings);
        builder.start();
        // Two minutes and more when the other lane generates and uploads hundreds of MiB meanwhile.
        RecordingPageAnswer.await("WildFly", url(), Duration.ofSeconds(180));
    }

    /** Runs a jboss-cli script that embeds the (primary's) server: for a stopped server. */
    static void configure(Path script) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder(home().resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                .redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cli.waitFor() != 0) {
            throw new IllegalStateException(script.getFileName() + " failed: " + output);
        }
    }
    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) old.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }
}
