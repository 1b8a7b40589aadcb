package io.streamrecorder.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Takes turns between the lanes' JVMs ({@link Lane}) by test class: every class holds a shared lock
 * on a file while it runs, a {@link RunsAlone} class an exclusive one. A class that wants to run
 * alone first takes a turnstile, which every class passes through before its own lock, so it waits
 * only for the class running in the other lane, not for every class that lane has left.
 */
public class LaneTurns implements TestExecutionListener {

    private FileChannel turnstile;
    private FileChannel running;
    private FileLock held;

    @Override
    public void executionStarted(TestIdentifier test) {
        Optional<Class<?>> testClass = testClass(test);
        if (testClass.isEmpty() || System.getProperty("it.lane") == null) {
            return;
        }
        boolean alone = testClass.get().isAnnotationPresent(RunsAlone.class);
        try {
            open();
            try (FileLock passing = turnstile.lock()) {
                if (alone) {
                    held = running.lock();
                }
            }
            if (!alone) {
                held = running.lock(0, Long.MAX_VALUE, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (held != null && testClass(test).isPresent()) {
            try {
                held.release();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            held = null;
        }
    }

    private void open() throws IOException {
        if (running == null) {
            Path directory = Files.createDirectories(Path.of("target"));
            turnstile = FileChannel.open(directory.resolve("it-lanes.turnstile"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            running = FileChannel.open(directory.resolve("it-lanes.lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
    }

    private static Optional<Class<?>> testClass(TestIdentifier test) {
        Optional<TestSource> source = test.getSource();
        return source.filter(ClassSource.class::isInstance).map(ClassSource.class::cast).map(ClassSource::getJavaClass);
    }
}
