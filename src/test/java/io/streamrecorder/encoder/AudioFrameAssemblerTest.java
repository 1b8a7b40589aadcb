package io.streamrecorder.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioFrameAssemblerTest {

    private final List<AudioFrameAssembler.AudioFrame> frames = new ArrayList<>();

    @Test
    void cutsTenMillisecondChunksIntoEncoderFramesOnASampleTimeline() {
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 2, 1024);
        for (int i = 0; i < 10; i++) {
            // Arrival jitter of a few milliseconds must not move samples.
            assembler.push(chunk(480, 2, (short) 1000), i * 10_000L + (i % 2) * 3_000, frames::add);
        }
        assertEquals(4, frames.size());
        assertEquals(0, frames.get(0).firstSample());
        assertEquals(1024, frames.get(1).firstSample());
        assertEquals(3072, frames.get(3).firstSample());
        assertEquals(1000 / 32768f, frames.get(0).planes()[1][5], 1e-6);
    }

    @Test
    void startsTheTimelineAtTheFirstChunksTime() {
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 1, 480);
        assembler.push(chunk(480, 1, (short) 1), 100_000, frames::add);
        assertEquals(4800, frames.get(0).firstSample());
    }

    @Test
    void fillsGapsLongerThanJitterWithSilence() {
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 1, 480);
        assembler.push(chunk(480, 1, (short) 1000), 0, frames::add);
        assembler.push(chunk(480, 1, (short) 1000), 110_000, frames::add);
        assertEquals(12, frames.size());
        assertEquals(0f, frames.get(5).planes()[0][100]);
        assertEquals(11 * 480, frames.get(11).firstSample());
        assertEquals(1000 / 32768f, frames.get(11).planes()[0][0], 1e-6);
    }

    @Test
    void fillsWhatACutLeavesWithSilenceHoweverShort() {
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 1, 480);
        assembler.push(chunk(480, 1, (short) 1000), 0, frames::add);
        assembler.cut();
        // A pause took out whole frame periods but for 15 ms: jitter-sized, but not jitter.
        assembler.push(chunk(480, 1, (short) 1000), 25_000, frames::add);
        assembler.push(chunk(480, 1, (short) 1000), 35_000, frames::add);
        assertEquals(4, frames.size());
        assertEquals(0f, frames.get(1).planes()[0][0], "silence from where the audio before the cut ended");
        assertEquals(0f, frames.get(2).planes()[0][239]);
        assertEquals(1000 / 32768f, frames.get(2).planes()[0][240], 1e-6, "the chunk after the cut at its own time");
        assertEquals(1000 / 32768f, frames.get(3).planes()[0][479], 1e-6, "no resampling after it");
    }

    @Test
    void takesAJitterSizedGapWithoutACutForJitter() {
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 1, 480);
        assembler.push(chunk(480, 1, (short) 1000), 0, frames::add);
        assembler.push(chunk(480, 1, (short) 1000), 25_000, frames::add);
        for (AudioFrameAssembler.AudioFrame frame : frames) {
            assertEquals(1000 / 32768f, frame.planes()[0][0], 1e-6, "no silence inserted");
        }
    }

    @Test
    void followsAStepInTheChunksTimesWithinHalfASecondAtFirstAndSlowlyLater() {
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 1, 48);
        // 20 ms of stretched-in sound reported 0.3 s in: the chunks' times step back by 20 ms.
        long micros = 0;
        for (int i = 0; i < 80; i++, micros += 10_000) {
            assembler.push(chunk(480, 1, (short) 1000), micros - (i >= 30 ? 20_000 : 0), frames::add);
        }
        assertEquals(micros - 20_000, frames.size() * 1_000L, 2_000, "within 2 ms half a second after the step");
        frames.clear();
        AudioFrameAssembler later = new AudioFrameAssembler(48_000, 1, 48);
        micros = 0;
        for (int i = 0; i < 500; i++, micros += 10_000) {
            later.push(chunk(480, 1, (short) 1000), micros - (i >= 450 ? 20_000 : 0), frames::add);
        }
        long madeUp = micros - frames.size() * 1_000L;
        assertTrue(madeUp > 0 && madeUp <= 11_000, "after the first seconds, at 2 % at most: " + madeUp + " µs");
    }

    @Test
    void followsChunksThatCarryMoreSoundThanTheirTimeByStretchingUpToTwoPercent() {
        // 99 chunks a second, as a device ticking 1 % slow delivers them.
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 1, 480);
        long micros = 0;
        for (int i = 0; i < 6_000; i++) {
            assembler.push(chunk(480, 1, (short) 1000), micros, frames::add);
            micros += 10_101;
        }
        long written = frames.size() * 480L;
        long elapsed = micros * 48_000 / 1_000_000;
        assertEquals(elapsed, written, 48 * 10, "the timeline keeps up with the chunks' times within 10 ms");
        for (AudioFrameAssembler.AudioFrame frame : frames) {
            assertEquals(1000 / 32768f, frame.planes()[0][100], 1e-6, "no silence inserted");
        }
    }

    @Test
    void mixesStereoDownAndMonoUp() {
        AudioFrameAssembler mono = new AudioFrameAssembler(48_000, 1, 480);
        byte[] stereo = new byte[480 * 4];
        for (int i = 0; i < 480; i++) {
            put(stereo, 2 * i, (short) 1000);
            put(stereo, 2 * i + 1, (short) 3000);
        }
        mono.push(new PcmAudio(stereo, 48_000, 2, 480), 0, frames::add);
        assertEquals(2000 / 32768f, frames.get(0).planes()[0][7], 1e-6);

        frames.clear();
        AudioFrameAssembler toStereo = new AudioFrameAssembler(48_000, 2, 480);
        toStereo.push(chunk(480, 1, (short) 500), 0, frames::add);
        assertEquals(500 / 32768f, frames.get(0).planes()[1][7], 1e-6);
    }

    @Test
    void flushPadsTheLastFrameWithSilence() {
        AudioFrameAssembler assembler = new AudioFrameAssembler(48_000, 1, 1024);
        assembler.push(chunk(480, 1, (short) 1000), 0, frames::add);
        assembler.flush(frames::add);
        assertEquals(1, frames.size());
        assertEquals(0f, frames.get(0).planes()[0][1000]);
    }

    private static PcmAudio chunk(int samples, int channels, short value) {
        byte[] data = new byte[samples * channels * 2];
        for (int i = 0; i < samples * channels; i++) {
            put(data, i, value);
        }
        return new PcmAudio(data, 48_000, channels, samples);
    }

    private static void put(byte[] data, int index, short value) {
        data[2 * index] = (byte) value;
        data[2 * index + 1] = (byte) (value >> 8);
    }
}
