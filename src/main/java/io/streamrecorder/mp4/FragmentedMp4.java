package io.streamrecorder.mp4;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * Cuts a fragmented MP4 that ended abruptly (a crash, a full disk) back to its last complete
 * fragment, in place and without needing any free space, so what remains plays without errors.
 */
public final class FragmentedMp4 {

    private FragmentedMp4() {
    }

    /**
     * Where the first fragment ending at or after {@code atLeast} ends, walking the file's top-level
     * boxes from {@code from} (where one starts); empty while no such fragment is whole. A recording
     * being written grows by whole fragments, and every byte up to such an end is final but for the
     * header in front of the first fragment, which finishing rewrites.
     */
    public static OptionalLong fragmentEnd(FileChannel file, long from, long atLeast) throws IOException {
        for (Mp4Box box : Mp4Box.topLevel(file, from)) {
            if (box.type().equals("mdat") && box.end() >= atLeast) {
                return OptionalLong.of(box.end());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Walks the top-level boxes and truncates the file after the last one that is whole, dropping a
     * trailing {@code moof} whose {@code mdat} did not make it. Returns the new size.
     */
    public static long trimToCompleteFragments(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long keep = 0;
            for (Mp4Box box : Mp4Box.topLevel(channel)) {
                if (!box.type().equals("moof")) {
                    keep = box.end();
                }
            }
            if (keep < channel.size()) {
                channel.truncate(keep);
            }
            return keep;
        }
    }
}
