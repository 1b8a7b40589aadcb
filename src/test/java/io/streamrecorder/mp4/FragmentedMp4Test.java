package io.streamrecorder.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentedMp4Test {

    @TempDir
    Path dir;

    @Test
    void keepsAFileThatEndsWithAWholeFragment() throws Exception {
        byte[] whole = boxes(box("ftyp", 16), box("moov", 100), box("moof", 40), box("mdat", 500));
        assertEquals(whole.length, trim(whole).length);
    }

    @Test
    void dropsAFragmentWhoseMediaWasCutShort() throws Exception {
        byte[] complete = boxes(box("ftyp", 16), box("moov", 100), box("moof", 40), box("mdat", 500));
        byte[] cut = boxes(complete, box("moof", 40), Arrays.copyOf(box("mdat", 500), 123));
        assertArrayEquals(complete, trim(cut));
    }

    @Test
    void dropsAFragmentHeaderWithoutItsMedia() throws Exception {
        byte[] complete = boxes(box("ftyp", 16), box("moov", 100), box("moof", 40), box("mdat", 500));
        assertArrayEquals(complete, trim(boxes(complete, box("moof", 40))));
        assertArrayEquals(complete, trim(boxes(complete, Arrays.copyOf(box("moof", 40), 5))));
    }

    @Test
    void findsTheFirstWholeFragmentEndingPastAnOffset() throws Exception {
        // Fragments end at 656, 1196 and 1736; the last one is still being written.
        byte[] written = boxes(box("ftyp", 16), box("moov", 100), box("moof", 40), box("mdat", 500), box("moof", 40),
                box("mdat", 500), box("moof", 40), Arrays.copyOf(box("mdat", 500), 200));
        Path file = Files.write(dir.resolve("growing.mp4.part"), written);
        try (FileChannel channel = FileChannel.open(file)) {
            assertEquals(OptionalLong.of(656), FragmentedMp4.fragmentEnd(channel, 0, 600));
            assertEquals(OptionalLong.of(656), FragmentedMp4.fragmentEnd(channel, 0, 656));
            assertEquals(OptionalLong.of(1196), FragmentedMp4.fragmentEnd(channel, 0, 657));
            assertEquals(OptionalLong.of(1196), FragmentedMp4.fragmentEnd(channel, 656, 700));
            assertEquals(OptionalLong.empty(), FragmentedMp4.fragmentEnd(channel, 1196, 1300), "not whole yet");
        }
    }

    private byte[] trim(byte[] content) throws Exception {
        Path file = dir.resolve("recording.mp4.part");
        Files.write(file, content);
        long kept = FragmentedMp4.trimToCompleteFragments(file);
        byte[] trimmed = Files.readAllBytes(file);
        assertEquals(kept, trimmed.length);
        return trimmed;
    }

    private static byte[] box(String type, int size) {
        ByteBuffer box = ByteBuffer.allocate(size);
        box.putInt(size).put(type.getBytes(StandardCharsets.ISO_8859_1));
        return box.array();
    }

    private static byte[] boxes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
