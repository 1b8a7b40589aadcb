package io.streamrecorder.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A container of the recorder's image run with podman as root, the way this machine type allows it
 * (FACTS.md: runc instead of crun, cgroupfs, rlimits given explicitly). Secrets reach it by name
 * ({@code -e NAME}) from podman's own environment, never on a command line.
 */
final class PodmanContainer implements AutoCloseable {

    static final List<String> PODMAN = List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs");
    private static final List<String> LIMITS = List.of("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024");

    private final String name;

    private PodmanContainer(String name) {
        this.name = name;
    }

    /** Why podman cannot run containers here, or empty if it can. */
    static Optional<String> unavailable() {
        for (String tool : List.of("podman", "runc", "mmdebstrap")) {
            if (!onPath(tool)) {
                return Optional.of(tool + " is not installed (bin/install-packages installs podman, runc, slirp4netns, mmdebstrap)");
            }
        }
        try {
            Result info = run(Duration.ofSeconds(60), Map.of(), command("info", "--format", "{{.Host.OCIRuntime.Name}}"));
            return info.exitCode() == 0 ? Optional.empty()
                    : Optional.of("podman cannot run here: " + info.output().strip().lines().findFirst().orElse("exit " + info.exitCode()));
        } catch (IOException e) {
            return Optional.of("podman cannot run here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking podman");
        }
    }

    /**
     * {@code podman run -d} of {@code image} with {@code options} (ports, volumes, settings) and
     * {@code secrets} passed by name from podman's environment.
     */
    static PodmanContainer start(String name, String image, List<String> options, Map<String, String> secrets)
            throws IOException, InterruptedException {
        run(Duration.ofSeconds(60), Map.of(), command("rm", "--force", "--ignore", name));
        List<String> arguments = new ArrayList<>(List.of("run", "--detach", "--name", name));
        arguments.addAll(LIMITS);
        arguments.addAll(options);
        secrets.keySet().forEach(key -> arguments.addAll(List.of("--env", key)));
        arguments.add(image);
        check(run(Duration.ofSeconds(60), secrets, command(arguments.toArray(String[]::new))), "podman run");
        return new PodmanContainer(name);
    }

    /** {@code podman stop} with its default timeout (10 s, then SIGKILL); returns how long it took. */
    Duration stop() throws IOException, InterruptedException {
        long started = System.nanoTime();
        check(run(Duration.ofSeconds(60), Map.of(), command("stop", name)), "podman stop");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** {@code podman start} of the stopped container: same volumes, same settings. */
    void restart() throws IOException, InterruptedException {
        check(run(Duration.ofSeconds(60), Map.of(), command("start", name)), "podman start");
    }

    /** The exit code of the container's main process once it has stopped (137: killed). */
    int exitCode() throws IOException, InterruptedException {
        return Integer.parseInt(inspect("{{.State.ExitCode}}"));
    }

    String inspect(String format) throws IOException, InterruptedException {
        return check(run(Duration.ofSeconds(30), Map.of(), command("inspect", "--format", format, name)), "podman inspect").strip();
    }

    /** A command run inside the container, as its user; its standard output. */
    String exec(String... command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("exec", name));
        arguments.addAll(List.of(command));
        return check(run(Duration.ofSeconds(30), Map.of(), command(arguments.toArray(String[]::new))), "podman exec").strip();
    }

    /** The image's HEALTHCHECK run once now: true if healthy. */
    boolean healthy() throws IOException, InterruptedException {
        return run(Duration.ofSeconds(30), Map.of(), command("healthcheck", "run", name)).exitCode() == 0;
    }

    /** The container's console (WildFly's log), for failure messages. */
    String logs() {
        try {
            return run(Duration.ofSeconds(30), Map.of(), command("logs", "--tail", "200", name)).output();
        } catch (IOException e) {
            return "(no logs: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(Duration.ofSeconds(60), Map.of(), command("rm", "--force", "--time", "2", name));
    }

    record Result(int exitCode, String output) {
    }

    static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(PODMAN);
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs {@code command} with {@code environment} added, its output (both streams) collected. */
    static Result run(Duration timeout, Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("podman", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException(command.get(PODMAN.size()) + " took longer than " + timeout.toSeconds() + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String check(Result result, String what) throws IOException {
        if (result.exitCode() != 0) {
            throw new IOException(what + " failed (exit " + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }
}
