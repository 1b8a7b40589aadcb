package io.streamrecorder.it.net;

import io.streamrecorder.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits, with {@code ss}, until a given process has bound a socket: the process itself, so a port some
 * other process holds does not pass for it, and a process that exits instead fails the wait at once
 * with its log.
 */
final class ListeningSockets {

    private ListeningSockets() {
    }

    /**
     * {@code prefix} runs {@code ss} where the socket is (empty: the root namespace, or {@code ip netns exec NS});
     * {@code socket} is {@code -t}/{@code -u} and a port, or {@code -x} and a UNIX socket's name.
     */
    static void await(String what, List<String> prefix, Socket socket, Process process, Path log, Duration timeout) {
        List<String> ss = new ArrayList<>(prefix);
        ss.addAll(socket.ssArguments());
        String owner = "pid=" + process.pid() + ",";
        try {
            Await.until(what, timeout, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError(what + ": the process exited with " + process.exitValue() + "; its log:\n" + tail(log));
                }
                return CommandResult.run(Namespace.COMMAND_TIMEOUT, ss).orThrow().lines()
                        .anyMatch(line -> line.contains(owner) && line.contains(socket.needle()));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** A listening socket as {@code ss -Hlp} finds it. */
    record Socket(List<String> ssArguments, String needle) {

        static Socket tcp(int port) {
            return new Socket(List.of("ss", "-Hlntp", "sport = :" + port), ":" + port + " ");
        }

        static Socket udp(int port) {
            return new Socket(List.of("ss", "-Hlnup", "sport = :" + port), ":" + port + " ");
        }

        static Socket unix(String name) {
            return new Socket(List.of("ss", "-Hlxp"), " " + name + " ");
        }
    }
}
