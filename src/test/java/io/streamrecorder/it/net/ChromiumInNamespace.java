package io.streamrecorder.it.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamrecorder.it.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Chromium in a network namespace, driven by chromedriver in the root namespace: chromedriver
 * starts a small script that runs Chromium through {@code ip netns exec}, and talks to it over
 * pipes ({@code --remote-debugging-pipe}), since a DevTools port would be on the namespace's
 * loopback, out of chromedriver's reach. Certificate errors are ignored, so a server's
 * self-signed certificate serves for HTTPS and WSS. The namespace has no DNS (the host's resolver is
 * out of its reach): every host name resolves to "not found" at once, or Chromium's own lookups
 * at startup (its start page, its services) hold up the first navigation for about 8 s; IP addresses
 * of the small internet and loopback are left alone.
 */
public final class ChromiumInNamespace {

    private ChromiumInNamespace() {
    }

    /** A {@link Browser} (fake camera and microphone, as ever) whose network is {@code namespace}'s; the script goes in {@code directory}. */
    public static Browser open(Namespace namespace, Path directory, List<String> switches) {
        String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), chromium + " is not installed (bin/install-packages installs chromium)");
        List<String> all = new ArrayList<>(List.of("--remote-debugging-pipe", "--ignore-certificate-errors",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 192.0.2.*, EXCLUDE 198.51.100.*, EXCLUDE 203.0.113.*,"
                        + " EXCLUDE 10.*, EXCLUDE 192.168.*, EXCLUDE 127.0.0.1, EXCLUDE localhost"));
        all.addAll(switches);
        return new Browser(wrapper(namespace, chromium, directory).toString(), all);
    }

    private static Path wrapper(Namespace namespace, String chromium, Path directory) {
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve("chromium-in-" + namespace.name() + ".sh");
            Files.deleteIfExists(script);
            Files.createFile(script, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(script, "#!/bin/sh\nexec ip netns exec " + namespace.name() + " " + chromium + " \"$@\"\n");
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the script that starts Chromium in " + namespace, e);
        }
    }
}
