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
    private static final long REFLECTED_POLYNOMIAL = 0x82F63B78L;

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

    /**
     * The CRC32C of two pieces one after the other, from theirs and the second's length (zlib's
     * crc32_combine over CRC32C's polynomial): what S3 reports for a full-object CRC32C of parts.
     */
    static String combine(String first, String second, long secondLength) {
        return encode(combine(decode(first), decode(second), secondLength));
    }

    private static long combine(long first, long second, long secondLength) {
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = REFLECTED_POLYNOMIAL;
        for (int n = 1; n < 32; n++) {
            odd[n] = 1L << (n - 1);
        }
        square(even, odd);
        square(odd, even);
        long crc = first;
        long length = secondLength;
        while (length != 0) {
            square(even, odd);
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>= 1;
        }
        return crc ^ second;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }

    private static long decode(String crc) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(Base64.getDecoder().decode(crc)).getInt());
    }

    private static String encode(long crc) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc).array());
    }
}
