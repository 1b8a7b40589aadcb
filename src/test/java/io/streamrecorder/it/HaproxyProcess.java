package io.streamrecorder.it;

import io.streamrecorder.testing.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Debian's HAProxy in the foreground with a configuration the test wrote; its log next to the configuration. */
final class HaproxyProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final Path log;

    private HaproxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Checks {@code config} (haproxy -c), starts it and returns once {@code port} accepts connections. */
    static HaproxyProcess start(Path config, int port) throws IOException, InterruptedException {
        Path log = config.resolveSibling("haproxy.log");
        Process check = new ProcessBuilder(BINARY.toString(), "-c", "-f", config.toString()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        if (check.waitFor() != 0) {
            throw new IllegalStateException("HAProxy refuses " + config + ":\n" + checked);
        }
        HaproxyProcess haproxy = new HaproxyProcess(new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        try {
            Await.until("HAProxy to listen on " + port, Duration.ofSeconds(10), () -> {
                if (!haproxy.process.isAlive()) {
                    throw new AssertionError("HAProxy exited: " + Files.readString(log));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return true;
                }
            });
        } catch (RuntimeException | Error | InterruptedException e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    /** What HAProxy logged: with "log stdout", a line per request naming the backend and server that took it. */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
