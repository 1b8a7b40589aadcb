package io.streamrecorder.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The WildFly the build started, for tests that crash it or need other settings: kill -9 or stop
 * it, and start it again the way the build did (same server, same environment, plus settings).
 */
final class WildFlyProcess {

    private WildFlyProcess() {
    }

    static Path home() {
        return Path.of(System.getProperty("server.home"));
    }

    /** SIGKILL: no shutdown hooks, no undeploy, as a power cut would do it. */
    static void kill() throws InterruptedException {
        ProcessHandle server = running();
        server.destroyForcibly();
        server.onExit().join();
    }

    /** The running server's process id, for reading its /proc entries. */
    static long pid() {
        return running().pid();
    }

    /** The server's log file (the console log holds the same lines). */
    static Path serverLog() {
        return home().resolve("standalone/log/server.log");
    }

    private static ProcessHandle running() {
        return find().orElseThrow(() -> new IllegalStateException("no WildFly running from " + home()));
    }

    private static java.util.Optional<ProcessHandle> find() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar")
                        && p.info().commandLine().orElse("").contains(home().toString()))
                .findFirst();
    }

    /** A clean shutdown if the server runs; nothing otherwise. */
    static void stopIfRunning() {
        find().ifPresent(server -> {
            server.destroy();
            server.onExit().join();
        });
    }

    /** SIGTERM: a clean shutdown, recordings finalised. */
    static void stop() throws InterruptedException {
        ProcessHandle server = running();
        server.destroy();
        server.onExit().join();
    }

    static void start() throws IOException, InterruptedException {
        start(Map.of());
    }

    /** Starts the server as the build did, with {@code settings} (environment variables) added or replaced. */
    static void start(Map<String, String> settings) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home().resolve("bin/standalone.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(home().resolveSibling("server-restarted-console.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_OPTS", "-Xms64m -Xmx1g -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
        env.putAll(ServerEnvironment.forTests());
        env.putAll(settings);
        builder.start();
        RecordingPageAnswer.await("WildFly", Duration.ofSeconds(120));
    }

    /** Runs a jboss-cli script that embeds the server: for a stopped server. */
    static void configure(Path script) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder(home().resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                .redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (cli.waitFor() != 0) {
            throw new IllegalStateException(script.getFileName() + " failed: " + output);
        }
    }
}
