package io.streamrecorder.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that must have the machine to itself: while it runs, the other lane runs nothing
 * ({@link LaneTurns}). SyncClipIT, whose subject is timing: it measures the recorder, not the lanes'
 * competition for two cores. EncoderBackendRedeployIT, which records with humble-video: its x264 has no SIMD, and
 * with the other lane busy it has twice left two video frames on one tick half a second in (two of
 * four runs; never in the runs one class at a time), which the decode check rightly counts as an error.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface RunsAlone {
}
