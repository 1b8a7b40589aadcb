package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Crc32cTest {

    @Test
    void encodesAsS3Does() {
        // RFC 3720's check value for "123456789" is 0xE3069283.
        assertEquals("4waSgw==", Crc32c.of(ByteBuffer.wrap("123456789".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void ofAFileEqualsOfItsBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(bytes);
        Path file = Files.write(dir.resolve("recording.mp4"), bytes);
        assertEquals(Crc32c.of(ByteBuffer.wrap(bytes)), Crc32c.of(file));
    }

    @Test
    void combinesTwoPiecesAsTheirConcatenation() {
        byte[] bytes = new byte[5 * 1024 * 1024 + 333];
        new Random(5).nextBytes(bytes);
        for (int cut : new int[] {0, 1, 4096, 5 * 1024 * 1024, bytes.length - 1}) {
            String first = Crc32c.of(ByteBuffer.wrap(bytes, 0, cut));
            String second = Crc32c.of(ByteBuffer.wrap(bytes, cut, bytes.length - cut));
            assertEquals(Crc32c.of(ByteBuffer.wrap(bytes)), Crc32c.combine(first, second, bytes.length - cut), "cut at " + cut);
        }
    }
}
