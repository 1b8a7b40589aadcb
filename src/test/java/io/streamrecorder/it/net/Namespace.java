package io.streamrecorder.it.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One Linux network namespace the test made ({@code ip netns add}): run a short command in it, or
 * start a long-running one there with its output in a log file; {@link #delete} kills everything
 * still running in it, whoever started it, and removes it.
 */
public final class Namespace {

    /** How long a short command (ip, iptables, ss) may take. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Path logs;
    private final List<Process> started = new ArrayList<>();

    private Namespace(String name, Path logs) {
        this.name = name;
        this.logs = logs;
    }

    /** Adds the namespace {@code name}, its loopback up and IPv6 off (the small internet speaks IPv4 only). */
    static Namespace create(String name, Path logs) {
        host(List.of("ip", "netns", "add", name)).orThrow();
        Namespace namespace = new Namespace(name, logs);
        namespace.run("ip", "link", "set", "lo", "up");
        namespace.setSysctl("net/ipv6/conf/all/disable_ipv6", "1");
        namespace.setSysctl("net/ipv6/conf/default/disable_ipv6", "1");
        return namespace;
    }

    /** Sets a kernel network setting of this namespace, e.g. {@code net/ipv4/ip_forward} (procps may be missing). */
    void setSysctl(String path, String value) {
        run("sh", "-c", "echo " + value + " > /proc/sys/" + path);
    }

    /** Kills what runs in, and deletes, every namespace whose name starts with {@code prefix}: an earlier run's that crashed. */
    static void deleteAll(String prefix, Path logs) {
        existing().stream().filter(name -> name.startsWith(prefix)).forEach(name -> new Namespace(name, logs).delete());
    }

    /** The names of the namespaces there are now. */
    static List<String> existing() {
        return host(List.of("ip", "netns", "list")).orThrow().lines().map(line -> line.strip().split("\\s+")[0])
                .filter(name -> !name.isEmpty()).toList();
    }

    public String name() {
        return name;
    }

    /** {@code command} as a command line that runs it in this namespace, for a process the caller starts itself. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /** Runs a short command here that must succeed, and returns its output. */
    public String run(String... command) {
        return exec(COMMAND_TIMEOUT, Arrays.asList(command)).orThrow();
    }

    /** Runs a command here with at most {@code timeout} to finish, however it ends. */
    public CommandResult exec(Duration timeout, List<String> command) {
        return CommandResult.run(timeout, command(command));
    }

    /**
     * Starts a long-running command here, its output (stdout and stderr) in {@code <logs>/<namespace>-<logName>.log};
     * it is killed by {@link #stop} or, at the latest, by {@link #delete}.
     */
    public synchronized Process start(String logName, List<String> command) {
        return start(logName, command, null);
    }

    /** The same, in the working directory {@code directory}. */
    public synchronized Process start(String logName, List<String> command, Path directory) {
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command(command)).redirectErrorStream(true)
                    .redirectOutput(log(logName).toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command) + " in " + name, e);
        }
    }

    /** Where the output of the process started as {@code logName} goes. */
    public Path log(String logName) {
        return logs.resolve(name + "-" + logName + ".log");
    }

    /** Ends a process started here: SIGTERM, then SIGKILL if it has not gone after a few seconds. */
    public synchronized void stop(Process process) {
        started.remove(process);
        terminate(process.toHandle());
    }

    /** Waits until {@code process}, started here as {@code logName}, listens on TCP {@code port}. */
    public void awaitTcpListening(Process process, String logName, int port, Duration timeout) {
        ListeningSockets.await("TCP port " + port + " in " + name + " (" + logName + ")", command(List.of()),
                ListeningSockets.Socket.tcp(port), process, log(logName), timeout);
    }

    /** Waits until {@code process}, started here as {@code logName}, has bound UDP {@code port}. */
    public void awaitUdpListening(Process process, String logName, int port, Duration timeout) {
        ListeningSockets.await("UDP port " + port + " in " + name + " (" + logName + ")", command(List.of()),
                ListeningSockets.Socket.udp(port), process, log(logName), timeout);
    }

    /** Kills every process in this namespace (those started here and any other, e.g. a browser's children) and deletes it. */
    synchronized void delete() {
        started.forEach(process -> terminate(process.toHandle()));
        started.clear();
        for (int round = 0; round < 3; round++) {
            List<Long> pids = pids();
            if (pids.isEmpty()) {
                break;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(process -> awaitExit(process, STOP_TIMEOUT)));
        }
        host(List.of("ip", "netns", "delete", name)).orThrow();
    }

    private List<Long> pids() {
        String output = host(List.of("ip", "netns", "pids", name)).orThrow();
        try (Stream<String> lines = output.lines()) {
            return lines.map(String::strip).filter(line -> line.matches("\\d+")).map(Long::valueOf).toList();
        }
    }

    /** SIGTERM to a process and what it forked (socat's per-connection children), SIGKILL to what is left after a few seconds. */
    static void terminate(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : tree) {
            if (!awaitExit(member, STOP_TIMEOUT)) {
                member.destroyForcibly();
                awaitExit(member, STOP_TIMEOUT);
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A command of the host's (ip netns ...) rather than one inside a namespace. */
    static CommandResult host(List<String> command) {
        return CommandResult.run(COMMAND_TIMEOUT, command);
    }

    @Override
    public String toString() {
        return name;
    }
}
