package io.streamrecorder.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a followed partial file went: {@code <partial>.forward}, created empty by whoever follows
 * the recording (an upload that sends it while it is written) and given the finished file's name
 * when the file takes it, before the partial name goes. A follower that finds the partial gone reads
 * its final name here; it survives a crash, so a restarted follower finds it too. An empty one left
 * by a partial that is gone means the recording was discarded.
 */
public final class PartialForwarding {

    static final String SUFFIX = ".forward";

    private PartialForwarding() {
    }

    /** Marks {@code partial} as followed; called when it is reserved, before any media is in it. */
    public static void follow(Path partial) throws IOException {
        Files.write(forwardOf(partial), new byte[0]);
    }

    public static boolean isFollowed(Path partial) {
        return Files.exists(forwardOf(partial));
    }

    /** The finished file {@code partial} became, once it has its name; empty before, or when it was discarded. */
    public static Optional<Path> destination(Path partial) throws IOException {
        try {
            String name = Files.readString(forwardOf(partial), StandardCharsets.UTF_8);
            return name.isEmpty() ? Optional.empty() : Optional.of(partial.resolveSibling(name));
        } catch (NoSuchFileException notFollowed) {
            return Optional.empty();
        }
    }

    /** The follower is done: the recording is uploaded, or given up. */
    public static void forget(Path partial) throws IOException {
        Files.deleteIfExists(forwardOf(partial));
    }

    /** Called as {@code partial} takes its final name, while the partial name still exists. */
    static void forward(Path partial, Path finished) throws IOException {
        if (isFollowed(partial)) {
            Files.writeString(forwardOf(partial), finished.getFileName().toString(), StandardCharsets.UTF_8);
        }
    }

    private static Path forwardOf(Path partial) {
        return partial.resolveSibling(partial.getFileName() + SUFFIX);
    }
}
