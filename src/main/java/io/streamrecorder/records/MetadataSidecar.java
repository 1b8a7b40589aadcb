package io.streamrecorder.records;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A recording's metadata on disk, as {@code <file>.meta.json} beside it: written when its partial
 * file is reserved, so a crash keeps it, and moved with the file when it takes its final name.
 */
public final class MetadataSidecar {

    public static final String SUFFIX = ".meta.json";

    private MetadataSidecar() {
    }

    public static Path of(Path recording) {
        return recording.resolveSibling(recording.getFileName() + SUFFIX);
    }

    /** Nothing is written for no metadata: most recordings have none. */
    static void write(Path recording, RecordingMetadata metadata) throws IOException {
        if (metadata.isEmpty()) {
            return;
        }
        JsonObjectBuilder json = Json.createObjectBuilder();
        metadata.entries().forEach(json::add);
        Path target = of(recording);
        Path scratch = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(scratch, json.build().toString());
        Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Follows {@code from} to its new name, when it has metadata. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(of(from), of(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException none) {
            // No metadata: nothing to move.
        }
    }

    static void delete(Path recording) throws IOException {
        Files.deleteIfExists(of(recording));
    }

    /**
     * The metadata beside {@code recording}, {@link RecordingMetadata#NONE} when there is none.
     *
     * @throws IOException when the sidecar cannot be read or no longer holds valid metadata
     */
    public static RecordingMetadata read(Path recording) throws IOException {
        String text;
        try {
            text = Files.readString(of(recording));
        } catch (NoSuchFileException none) {
            return RecordingMetadata.NONE;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            Map<String, String> entries = new LinkedHashMap<>();
            for (Map.Entry<String, ?> entry : json.entrySet()) {
                if (!(entry.getValue() instanceof JsonString value)) {
                    throw new IOException(of(recording).getFileName() + ": '" + entry.getKey() + "' is not a string");
                }
                entries.put(entry.getKey(), value.getString());
            }
            return RecordingMetadata.of(entries);
        } catch (JsonException | InvalidMetadataException e) {
            throw new IOException(of(recording).getFileName() + " holds no valid metadata: " + e.getMessage(), e);
        }
    }
}
