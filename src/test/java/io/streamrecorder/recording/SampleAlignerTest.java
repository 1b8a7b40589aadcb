package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.PcmAudio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleAlignerTest {

    private static final long MS = 1_000_000;

    @Test
    void startsAtTheFirstFrameAfterTheFirstAudioWhenAudioStartsLater() {
        SampleAligner aligner = new SampleAligner(true, true);
        assertFalse(aligner.hold(video(1000 * MS)));
        assertFalse(aligner.hold(video(1033 * MS)));
        assertFalse(aligner.hold(audio(1050 * MS)), "no frame with the audio yet");
        assertFalse(aligner.hold(audio(1060 * MS)));
        assertTrue(aligner.hold(video(1066 * MS)));

        assertEquals(1066 * MS, aligner.origin(), "time zero is a frame's own time, not the audio's");
        List<I420Frame> dropped = new ArrayList<>();
        List<MediaSample> released = aligner.release(dropped::add);
        assertEquals(1, released.size(), "the earlier frames and the audio before zero are dropped");
        assertEquals(1066 * MS, released.get(0).captureNanos());
        assertEquals(2, dropped.size(), "the frames dropped are handed back for their pictures to be used again");
    }

    @Test
    void takesAFrameJustBeforeTheFirstAudio() {
        SampleAligner aligner = new SampleAligner(true, true);
        aligner.hold(video(1000 * MS));
        aligner.hold(video(1033 * MS));
        assertTrue(aligner.hold(audio(1040 * MS)), "a frame 7 ms before the first audio starts the timeline");
        assertEquals(1033 * MS, aligner.origin());
        List<MediaSample> released = aligner.release(frame -> { });
        assertEquals(List.of(1033 * MS, 1040 * MS), released.stream().map(MediaSample::captureNanos).toList());
    }

    @Test
    void findsTheFirstFrameWithTheAudioByCaptureTimeNotArrival() {
        SampleAligner aligner = new SampleAligner(true, true);
        aligner.hold(video(1066 * MS));
        aligner.hold(video(1033 * MS));
        assertTrue(aligner.hold(audio(1030 * MS)));
        assertEquals(1033 * MS, aligner.origin());
    }

    @Test
    void dropsAudioCapturedBeforeTheFirstVideoFrame() {
        SampleAligner aligner = new SampleAligner(true, true);
        aligner.hold(audio(1000 * MS));
        aligner.hold(audio(1010 * MS));
        assertTrue(aligner.hold(video(1015 * MS)));
        List<MediaSample> released = aligner.release(frame -> { });
        assertEquals(1, released.size());
        assertInstanceOf(MediaSample.Video.class, released.get(0));
    }

    @Test
    void startsAtTheFirstAudioWhenTheVideoStoppedBeforeIt() {
        SampleAligner aligner = new SampleAligner(true, true);
        aligner.hold(video(0));
        assertFalse(aligner.hold(audio(20 * MS)), "the frame is 20 ms before the first audio");
        assertTrue(aligner.hold(audio(SampleAligner.WAIT_FOR_TRACKS_NANOS + 20 * MS)));
        assertEquals(20 * MS, aligner.origin());
        assertEquals(2, aligner.release(frame -> { }).size(), "both audio chunks, no frame");
    }

    @Test
    void givesUpWaitingForATrackThatNeverComes() {
        SampleAligner aligner = new SampleAligner(true, true);
        assertFalse(aligner.hold(audio(0)));
        assertTrue(aligner.hold(audio(SampleAligner.WAIT_FOR_TRACKS_NANOS + MS)));
        assertNull(aligner.formats().video());
        assertEquals(48_000, aligner.formats().audio().sampleRate());
    }

    @Test
    void audioOnlyStartsAtOnce() {
        SampleAligner aligner = new SampleAligner(false, true);
        assertTrue(aligner.hold(audio(5 * MS)));
    }

    private static MediaSample video(long nanos) {
        return new MediaSample.Video(new I420Frame(2, 2, new byte[4], new byte[1], new byte[1]), nanos);
    }

    private static MediaSample audio(long nanos) {
        return new MediaSample.Audio(new PcmAudio(new byte[960], 48_000, 1, 480), nanos);
    }
}
