package io.streamrecorder.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.zip.CRC32C;

/** CRC32C checksums as S3 writes them: the four bytes, big-endian, in Base64. */
final class Crc32c {

    private static final int BUFFER_BYTES = 1 << 20;

    private Crc32c() {
    }

    static String of(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return encode(crc.getValue());
    }

    /** The whole file's, read as it is on disk now. */
    static String of(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return encode(crc.getValue());
    }

    private static String encode(long crc) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc).array());
    }
}
