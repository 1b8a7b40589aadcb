package io.streamrecorder.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A size-limited tmpfs mounted for one test, to run the server's records directory out of space
 * for real. Mounting needs root (as in CI's container); without it the test fails saying so.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    SmallDisk(Path mountPoint, int sizeMib) throws IOException, InterruptedException {
        this.mountPoint = mountPoint.toAbsolutePath();
        this.filler = this.mountPoint.resolve(".filler");
        Files.createDirectories(this.mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + sizeMib + "m", "tmpfs", this.mountPoint.toString());
    }

    Path path() {
        return mountPoint;
    }

    /** Takes up space so that only about {@code bytes} stay free. */
    void leaveFree(long bytes) throws IOException {
        long free = Files.getFileStore(mountPoint).getUsableSpace() + (Files.exists(filler) ? Files.size(filler) : 0);
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            file.setLength(0);
            // tmpfs allocates on write, not on setLength: write the bytes.
            byte[] block = new byte[1024 * 1024];
            long toFill = Math.max(0, free - bytes);
            for (long written = 0; written < toFill; written += block.length) {
                file.write(block, 0, (int) Math.min(block.length, toFill - written));
            }
        }
    }

    long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    void release() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Lazy: the server may still hold a file open for a moment.
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed (this test needs root to mount a tmpfs): " + output);
        }
    }
}
