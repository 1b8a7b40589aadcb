package io.streamrecorder.admin;

import io.streamrecorder.access.DownloadLinks;
import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.encoder.MediaFiles;
import io.streamrecorder.recording.RecordingService;
import io.streamrecorder.recording.RecordingSession;
import io.streamrecorder.records.MetadataSidecar;
import io.streamrecorder.records.RecordsDirectory;
import io.streamrecorder.upload.UploadProgress;
import io.streamrecorder.upload.UploadResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every recording is: being written ({@code RECORDING}), finished ({@code RECORDED}), on its
 * way to the bucket ({@code UPLOADING} with a percentage), there ({@code UPLOADED}) or not
 * ({@code UPLOAD_FAILED} with the reason). Built from the records directory, the sessions running
 * now and the upload reports, so it is right after a restart too. Every recording names this node:
 * with several nodes, each holds and lists its own.
 */
@ApplicationScoped
public class RecordingCatalog {

    private RecordingService recordings;
    private RecordsDirectory directory;
    private MediaFiles media;
    private UploadStates uploads;
    private DownloadLinks links;
    private String node;
    private final Map<Path, Duration> durations = new ConcurrentHashMap<>();

    protected RecordingCatalog() {
        // for CDI proxies
    }

    @Inject
    public RecordingCatalog(RecordingService recordings, RecordsDirectory directory, MediaFiles media, UploadStates uploads,
            DownloadLinks links, RecorderConfig config) {
        this.recordings = recordings;
        this.directory = directory;
        this.media = media;
        this.uploads = uploads;
        this.links = links;
        this.node = config.nodeName();
    }

    List<JsonObject> all() throws IOException {
        List<JsonObject> all = new ArrayList<>();
        for (RecordingSession session : recordings.active()) {
            all.add(Json.createObjectBuilder().add("fileName", session.currentFile())
                    .add("streamName", session.streamName()).add("node", node).add("state", "RECORDING").build());
        }
        List<Path> finished = directory.finishedRecordings();
        for (Path file : finished) {
            all.add(describe(file));
        }
        // Forget deleted recordings.
        durations.keySet().retainAll(finished);
        return all;
    }

    Optional<JsonObject> one(String fileName) throws IOException {
        Optional<Path> file = directory.finishedRecording(fileName);
        return file.isPresent() ? Optional.of(describe(file.get())) : Optional.empty();
    }

    /**
     * A finished recording does not change, so its duration is read from its index once, not on
     * every refresh of every console; a file replaced under the same name is read again.
     */
    private OptionalLong durationOf(Path file, long size, FileTime modified) {
        Duration known = durations.get(file);
        if (known == null || known.size() != size || !known.modified().equals(modified)) {
            OptionalLong millis;
            try {
                millis = OptionalLong.of(media.indexedMillis(file));
            } catch (IOException notPlayable) {
                millis = OptionalLong.empty();
            }
            known = new Duration(size, modified, millis);
            durations.put(file, known);
        }
        return known.millis();
    }

    /** Listed even when its metadata cannot be read: the recording matters more than what was said of it. */
    private static void addMetadata(JsonObjectBuilder json, Path file) {
        JsonObjectBuilder metadata = Json.createObjectBuilder();
        try {
            MetadataSidecar.read(file).entries().forEach(metadata::add);
        } catch (IOException unreadable) {
            json.add("metadataError", unreadable.getMessage());
        }
        json.add("metadata", metadata);
    }

    private JsonObject describe(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("fileName", fileName)
                .add("streamName", directory.streamNameOf(fileName).orElse(""))
                .add("node", node)
                .add("sizeBytes", size)
                .add("finishedAt", modified.toInstant().toString())
                .add("downloadPath", relative(links.link(fileName)))
                .add("recovered", Files.exists(file.resolveSibling(fileName + ".recovered.json")));
        addMetadata(json, file);
        OptionalLong duration = durationOf(file, size, modified);
        if (duration.isPresent()) {
            json.add("durationMs", duration.getAsLong());
        } else {
            // Put there by hand, or damaged: still listed, so it can be looked at and deleted.
            json.add("playable", false);
        }
        Path poster = RecordsDirectory.posterOf(file);
        if (Files.exists(poster)) {
            json.add("posterPath", relative(links.link(poster.getFileName().toString())));
        }
        Optional<JsonObject> verified = UploadResults.of(file);
        Optional<UploadProgress> progress = uploads.of(fileName);
        if (verified.isPresent()) {
            json.add("state", "UPLOADED").add("upload", verified.get());
        } else if (progress.isPresent()) {
            UploadProgress last = progress.get();
            json.add("state", last.state().name()).add("percent", last.percent());
            if (last.reason() != null) {
                json.add("reason", last.reason());
            }
        } else {
            json.add("state", "RECORDED");
        }
        return json.build();
    }

    private record Duration(long size, FileTime modified, OptionalLong millis) {
    }

    /** Paths in the API are relative to the application, as the console resolves them. */
    private static String relative(String path) {
        return path.substring(1);
    }
}
