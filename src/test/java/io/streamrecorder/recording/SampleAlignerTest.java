package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.PcmAudio;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleAlignerTest {

    private static final long MS = 1_000_000;

    @Test
    void startsBothTracksAtTheLaterTracksFirstSample() {
        SampleAligner aligner = new SampleAligner(true, true);
        assertFalse(aligner.hold(video(1000 * MS)));
        assertFalse(aligner.hold(video(1033 * MS)));
        assertTrue(aligner.hold(audio(1090 * MS)));

        assertEquals(1090 * MS, aligner.origin());
        List<MediaSample> released = aligner.release();
        assertEquals(2, released.size());
        MediaSample.Video leadIn = assertInstanceOf(MediaSample.Video.class, released.get(0));
        assertEquals(1090 * MS, leadIn.captureNanos(), "the latest earlier frame is shown from time zero");
        assertInstanceOf(MediaSample.Audio.class, released.get(1));
    }

    @Test
    void needsNoLeadInWhenTheNextFrameIsClose() {
        SampleAligner aligner = new SampleAligner(true, true);
        aligner.hold(video(1000 * MS));
        aligner.hold(audio(1030 * MS));
        aligner.hold(video(1033 * MS));
        List<MediaSample> released = aligner.release();
        assertEquals(2, released.size(), "audio and the frame 3 ms later; no lead-in frame at 1030 ms");
        assertEquals(1033 * MS, released.get(1).captureNanos());
    }

    @Test
    void dropsAudioCapturedBeforeTheFirstVideoFrame() {
        SampleAligner aligner = new SampleAligner(true, true);
        aligner.hold(audio(1000 * MS));
        aligner.hold(audio(1010 * MS));
        assertTrue(aligner.hold(video(1015 * MS)));
        List<MediaSample> released = aligner.release();
        assertEquals(1, released.size());
        assertInstanceOf(MediaSample.Video.class, released.get(0));
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
