package io.streamrecorder.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads the parts of a recording with their CRC32C and, where asked, their MD5 (several times the
 * CPU of the CRC32C, docs/BENCHMARKS.md, "Uploads to S3"; needed only when S3 checks no CRC32C).
 * The next part is read and hashed on another thread while the current one is on the wire, which
 * keeps hashing off the critical path.
 */
final class PartBytes implements AutoCloseable {

    private final Path file;
    private final Executor executor;
    private final boolean md5;
    private CompletableFuture<Prepared> next;

    PartBytes(Path file, Executor executor, boolean md5) {
        this.file = file;
        this.executor = executor;
        this.md5 = md5;
    }

    /** The part, prefetched if it was the one asked for ahead (a retry asks for the same part again). */
    Prepared take(FilePart part) throws IOException {
        CompletableFuture<Prepared> ready = next;
        next = null;
        if (ready != null) {
            try {
                Prepared prepared = ready.join();
                if (prepared.part().equals(part)) {
                    return prepared;
                }
            } catch (CompletionException e) {
                if (e.getCause() instanceof PermanentUploadException permanent) {
                    throw permanent;
                }
                // Any other read failure: read again below and let it surface there.
            }
        }
        return read(part);
    }

    void prefetch(FilePart part) {
        next = CompletableFuture.supplyAsync(() -> {
            try {
                return read(part);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    @Override
    public void close() {
        if (next != null) {
            next.cancel(false);
        }
    }

    private Prepared read(FilePart part) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new PermanentUploadException("The recording " + file.getFileName() + " is gone; the upload cannot finish");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) part.length());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, part.offset() + bytes.position()) < 0) {
                    throw new PermanentUploadException("The recording " + file.getFileName() + " shrank while uploading");
                }
            }
        }
        bytes.flip();
        String digest = null;
        if (md5) {
            MessageDigest md5 = ExpectedETag.md5();
            md5.update(bytes.duplicate());
            digest = Base64.getEncoder().encodeToString(md5.digest());
        }
        return new Prepared(part, bytes, digest, Crc32c.of(bytes));
    }

    /** A part's bytes with their MD5 (null unless asked for) and CRC32C (Base64), ready to send. */
    record Prepared(FilePart part, ByteBuffer bytes, String md5, String crc32c) {
    }
}
