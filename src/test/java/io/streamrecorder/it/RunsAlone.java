package io.streamrecorder.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose subject is timing (A/V sync against the browser's own recording): while it
 * runs, the other lane runs nothing ({@link LaneTurns}), so it measures the recorder, not the lanes'
 * competition for two cores.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface RunsAlone {
}
