package io.streamrecorder.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Keeps the outcome of each upload beside its recording, as {@code <file>.upload.json}, so the
 * records directory alone tells what reached the bucket.
 */
@ApplicationScoped
public class UploadResults {

    static final String SUFFIX = ".upload.json";

    public void verified(Path recording, UploadResult result) {
        String json = Json.createObjectBuilder()
                .add("state", "UPLOADED")
                .add("bucket", result.bucket())
                .add("key", result.key())
                .add("sizeBytes", result.sizeBytes())
                .add("eTag", result.eTag())
                .add("parts", result.parts())
                .add("verifiedAt", Instant.now().toString())
                .build().toString();
        Path target = recording.resolveSibling(recording.getFileName() + SUFFIX);
        try {
            Path temporary = Files.writeString(recording.resolveSibling(recording.getFileName() + SUFFIX + ".part"), json,
                    StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the upload result of " + recording.getFileName(), e);
        }
    }
}
