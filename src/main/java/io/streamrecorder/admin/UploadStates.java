package io.streamrecorder.admin;

import io.streamrecorder.upload.UploadProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last upload report of each recording since the application started: whether it is uploading
 * (and how far) or failed (and why). Verified uploads are also on disk ({@code .upload.json}).
 */
@ApplicationScoped
public class UploadStates {

    private final Map<String, UploadProgress> latest = new ConcurrentHashMap<>();

    void onProgress(@Observes UploadProgress progress) {
        latest.put(progress.fileName(), progress);
    }

    Optional<UploadProgress> of(String fileName) {
        return Optional.ofNullable(latest.get(fileName));
    }

    void forget(String fileName) {
        latest.remove(fileName);
    }
}
