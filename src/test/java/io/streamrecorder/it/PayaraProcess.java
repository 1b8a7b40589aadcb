package io.streamrecorder.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Payara Server for the tests' Payara run ({@code server.kind=payara}): a fresh domain under target/
 * on its own ports (portbase 28000: HTTP 28080, admin 28048), set up with
 * server-config/payara/setup.asadmin, the tests' operators in its file realm and the WAR deployed,
 * running with the environment the WildFly tests give their server. Everything goes through asadmin,
 * as an operator would do it.
 */
final class PayaraProcess {

    private static final Logger LOG = Logger.getLogger(PayaraProcess.class.getName());
    private static final String DOMAIN = "stream-recorder";

    private static boolean started;

    private PayaraProcess() {
    }

    /** Creates, sets up and starts the domain and deploys the WAR; on any failure the domain is stopped again. */
    static synchronized void startShared() {
        try {
            createDomain();
            timed("start-domain", "start-domain", "--domaindir", domainsDir().toString(), DOMAIN);
            started = true;
            timed("setup.asadmin", "multimode", "--file", serverConfig().resolve("setup.asadmin").toString());
            addOperator(System.getProperty("admin.user"), System.getProperty("admin.password"), "recorder-admin");
            addOperator(System.getProperty("viewer.user"), System.getProperty("viewer.password"), null);
            // Listener addresses, JVM options and the batch repository take effect at the restart.
            timed("restart-domain", "restart-domain", "--domaindir", domainsDir().toString(), DOMAIN);
            timed("deploy", "deploy", "--contextroot", "stream-recorder", "--name", "stream-recorder",
                    System.getProperty("war.file"));
            RecordingPageAnswer.await("Payara", Browser.serverUrl(), Duration.ofSeconds(60));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            stopShared();
            throw new IllegalStateException("Payara did not start: " + e.getMessage(), e);
        }
    }

    /** A clean shutdown (the tests have stopped their streams by then); killed if it does not go down. */
    static synchronized void stopShared() {
        if (!started) {
            return;
        }
        started = false;
        try {
            timed("stop-domain", "stop-domain", "--domaindir", domainsDir().toString(), DOMAIN);
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.warning("stop-domain failed, killing the domain: " + e.getMessage());
            try {
                asadmin("stop-domain", "--kill=true", "--domaindir", domainsDir().toString(), DOMAIN);
            } catch (IOException | InterruptedException | RuntimeException killFailed) {
                throw new IllegalStateException("Payara could not be stopped: " + killFailed.getMessage(), killFailed);
            }
        }
    }

    /** Runs an asadmin command against the domain and returns its output; throws when it, or a command of a script, fails. */
    static String asadmin(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(home().resolve("bin/asadmin").toString(), "--port", adminPort()));
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        // start-domain hands its environment to the domain's JVM, which keeps it across restart-domain.
        builder.environment().putAll(ServerEnvironment.forTests());
        // The WildFly run uploads after Stop (the default); this run keeps the other mode tested end to end.
        builder.environment().put("STREAMRECORDER_UPLOAD_MODE", "while-recording");
        // asadmin and the domain are JVMs started for a few seconds' work: C1 alone costs half the CPU.
        builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        Process asadmin = builder.start();
        String output = new String(asadmin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // multimode goes on past a failed command and exits 0: its output is what tells.
        if (asadmin.waitFor() != 0 || output.lines().anyMatch(line -> line.matches("Command \\S+ failed\\."))) {
            throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void createDomain() throws IOException, InterruptedException {
        deleteRecursively(domainsDir());
        timed("create-domain", "create-domain", "--nopassword", "--portbase", System.getProperty("payara.portbase"),
                "--domaindir", domainsDir().toString(), DOMAIN);
    }

    /** A file-realm user, in {@code group} unless it is null; the password reaches asadmin in a file only. */
    private static void addOperator(String user, String password, String group) throws IOException, InterruptedException {
        Path passwordFile = domainsDir().resolve(user + ".password");
        Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + password + "\n");
        try {
            List<String> command = new ArrayList<>(List.of("--passwordfile", passwordFile.toString(), "create-file-user"));
            if (group != null) {
                command.addAll(List.of("--groups", group));
            }
            command.add(user);
            asadmin(command.toArray(String[]::new));
        } finally {
            Files.delete(passwordFile);
        }
    }

    private static void timed(String step, String... command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        asadmin(command);
        LOG.info(() -> "Payara " + step + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static Path home() {
        return Path.of(System.getProperty("payara.home"));
    }

    private static Path domainsDir() {
        return Path.of(System.getProperty("payara.domains.dir"));
    }

    private static Path serverConfig() {
        return Path.of(System.getProperty("server.config.dir"), "payara");
    }

    /** The admin port of a domain created with a port base: base + 48, as Payara assigns it. */
    private static String adminPort() {
        return Integer.toString(Integer.getInteger("payara.portbase") + 48);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
