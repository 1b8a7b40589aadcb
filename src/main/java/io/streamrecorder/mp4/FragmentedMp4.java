package io.streamrecorder.mp4;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cuts a fragmented MP4 that ended abruptly (a crash, a full disk) back to its last complete
 * fragment, in place and without needing any free space, so what remains plays without errors.
 */
public final class FragmentedMp4 {

    private FragmentedMp4() {
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
