package io.streamrecorder.publishing;

import io.streamrecorder.upload.UploadProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the publisher that recorded a file how its upload goes. The publisher is registered when the
 * recording starts, so even an upload that ends before the UNPUBLISHED reply reaches the page is
 * reported; it is forgotten when the upload ends or the publisher goes away.
 */
@ApplicationScoped
public class UploadNotices {

    private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();

    void watch(String fileName, String streamName, Publisher publisher) {
        watchers.put(fileName, new Watcher(streamName, publisher));
    }

    void forget(Publisher publisher) {
        watchers.values().removeIf(watcher -> watcher.publisher() == publisher);
    }

    void onProgress(@Observes UploadProgress progress) {
        Watcher watcher = progress.last() ? watchers.remove(progress.fileName()) : watchers.get(progress.fileName());
        if (watcher != null) {
            watcher.publisher().uploadProgress(watcher.streamName(), progress);
        }
    }

    private record Watcher(String streamName, Publisher publisher) {
    }
}
