package io.streamrecorder.it.net;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the small internet needs of the machine: root, iproute2, iptables, and a kernel that makes
 * network namespaces with NAT in them. Missing any, the test is skipped (JUnit's assumptions) with a
 * message naming what is missing; it never passes without having run.
 */
public final class NetworkPrerequisites {

    private NetworkPrerequisites() {
    }

    /** Skips the test unless every one of {@code commands} is an executable on the PATH. */
    public static void assumeCommands(String... commands) {
        List<String> missing = Arrays.stream(commands).filter(command -> !onPath(command)).toList();
        if (!missing.isEmpty()) {
            abort("not installed (bin/install-packages installs them): " + String.join(", ", missing));
        }
    }

    /**
     * The Python 3 to run helpers with: Debian's {@code /usr/bin/python3} if there is one (a version
     * manager's shim on the PATH can take seconds to start), else the PATH's; skips the test if neither.
     */
    public static String python3() {
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return "/usr/bin/python3";
        }
        assumeCommands("python3");
        return "python3";
    }

    /** Skips the test unless it runs as root, as making network namespaces needs. */
    static void assumeRoot() {
        CommandResult uid = CommandResult.run(Namespace.COMMAND_TIMEOUT, List.of("id", "-u"));
        if (!uid.succeeded() || !"0".equals(uid.output().strip())) {
            abort("network namespaces need root; this test runs as " + System.getProperty("user.name"));
        }
    }

    /** Skips the test unless a namespace named {@code probeName} can be made, with NAT and connection tracking in it. */
    static void assumeNamespaces(String probeName) {
        CommandResult add = Namespace.host(List.of("ip", "netns", "add", probeName));
        if (!add.succeeded()) {
            abort("this machine cannot make network namespaces: " + add);
        }
        try {
            for (List<String> rule : List.of(
                    List.of("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "lo", "-j", "MASQUERADE"),
                    List.of("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "ACCEPT"))) {
                List<String> command = Stream.concat(Stream.of("ip", "netns", "exec", probeName), rule.stream()).toList();
                CommandResult result = Namespace.host(command);
                if (!result.succeeded()) {
                    abort("iptables cannot NAT or track connections in a network namespace here: " + result);
                }
            }
        } finally {
            Namespace.host(List.of("ip", "netns", "delete", probeName)).orThrow();
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).filter(directory -> !directory.isEmpty())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }
}
