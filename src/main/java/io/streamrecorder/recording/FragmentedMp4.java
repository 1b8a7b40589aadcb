package io.streamrecorder.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cuts a fragmented MP4 that ended abruptly (a crash, a full disk) back to its last complete
 * fragment, in place and without needing any free space, so what remains plays without errors.
 */
final class FragmentedMp4 {

    private static final int HEADER = 8;

    private FragmentedMp4() {
    }

    /**
     * Walks the top-level boxes and truncates the file after the last one that is whole, dropping a
     * trailing {@code moof} whose {@code mdat} did not make it. Returns the new size.
     */
    static long trimToCompleteFragments(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long position = 0;
            long keep = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER + 8);
            while (position + HEADER <= size) {
                header.clear();
                channel.read(header, position);
                header.flip();
                long boxSize = Integer.toUnsignedLong(header.getInt());
                String type = new String(new byte[] {header.get(), header.get(), header.get(), header.get()},
                        StandardCharsets.ISO_8859_1);
                if (boxSize == 1 && header.remaining() >= 8) {
                    boxSize = header.getLong();
                } else if (boxSize == 0) {
                    boxSize = size - position;
                }
                if (boxSize < HEADER || position + boxSize > size) {
                    break;
                }
                position += boxSize;
                if (!type.equals("moof")) {
                    keep = position;
                }
            }
            if (keep < size) {
                channel.truncate(keep);
            }
            return keep;
        }
    }
}
