package io.streamrecorder.encoder.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4FinisherTest {

    @TempDir
    Path dir;

    /**
     * media/humble-duplicate-dts.mp4.part is a 4 s recording humble-video wrote under load in a CI
     * run: two of its video packets have one decode time (0.55 s in). The muxer refused the second,
     * and the recording ended up set aside as unrecoverable.
     */
    @Test
    void finishesAFileWhoseEncoderLeftTwoPacketsOnOneTick() throws Exception {
        Path fragmented = dir.resolve("recording.mp4.part");
        try (InputStream in = Mp4FinisherTest.class.getResourceAsStream("/media/humble-duplicate-dts.mp4.part")) {
            Files.copy(in, fragmented);
        }
        Path finished = dir.resolve("recording.mp4");

        long millis = Mp4Finisher.remux(fragmented, finished);

        assertEquals(3985, millis, 40, "the whole recording");
        assertEquals(millis, MediaDuration.millisOf(finished), 40, "its index says as much");
        assertTrue(PosterFrame.of(finished, 1.0, 320).isPresent(), "its pictures decode");
    }
}
