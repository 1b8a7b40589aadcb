package io.streamrecorder.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the outcome of each upload beside its recording, as {@code <file>.upload.json}, so the
 * records directory alone tells what reached the bucket.
 */
@ApplicationScoped
public class UploadResults {

    private static final Logger LOG = Logger.getLogger(UploadResults.class.getName());

    static final String SUFFIX = ".upload.json";

    /** Where the verified upload of {@code recording} is recorded; it exists only once the upload is verified. */
    static Path resultOf(Path recording) {
        return recording.resolveSibling(recording.getFileName() + SUFFIX);
    }

    /** The verified upload of {@code recording}, if there was one. */
    public static Optional<JsonObject> of(Path recording) {
        Path result = resultOf(recording);
        if (!Files.exists(result)) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(result))) {
            return Optional.of(reader.readObject());
        } catch (IOException | JsonException e) {
            LOG.log(Level.WARNING, e, () -> String.format("Cannot read %s", result.getFileName()));
            return Optional.empty();
        }
    }

    public void verified(Path recording, UploadResult result) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("state", "UPLOADED")
                .add("bucket", result.bucket())
                .add("key", result.key())
                .add("sizeBytes", result.sizeBytes())
                .add("eTag", result.eTag())
                .add("parts", result.parts())
                .add("verifiedAt", Instant.now().toString());
        if (result.crc32c() != null) {
            json.add("checksumCRC32C", result.crc32c());
        }
        Path target = resultOf(recording);
        try {
            Path temporary = Files.writeString(recording.resolveSibling(recording.getFileName() + SUFFIX + ".part"), json.build().toString(),
                    StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The object is in the bucket and verified; a full disk must not turn that into a failed upload.
            LOG.log(Level.WARNING, e, () -> String.format(
                    "Uploaded and verified %s, but cannot keep the result beside it", recording.getFileName()));
        }
    }
}
