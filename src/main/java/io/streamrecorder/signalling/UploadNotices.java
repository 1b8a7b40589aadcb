package io.streamrecorder.signalling;

import io.streamrecorder.upload.UploadProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the browser that recorded a file how its upload goes. The browser is registered when the
 * recording starts, so even an upload that ends before the UNPUBLISHED reply reaches the page is
 * reported; it is forgotten when the upload ends or the socket closes.
 */
@ApplicationScoped
public class UploadNotices {

    private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();

    void watch(String fileName, String streamName, Publisher browser) {
        watchers.put(fileName, new Watcher(streamName, browser));
    }

    void forget(Publisher browser) {
        watchers.values().removeIf(watcher -> watcher.browser() == browser);
    }

    void onProgress(@Observes UploadProgress progress) {
        Watcher watcher = progress.last() ? watchers.remove(progress.fileName()) : watchers.get(progress.fileName());
        if (watcher != null) {
            watcher.browser().send(new ServerMessage.Upload(watcher.streamName(), progress));
        }
    }

    private record Watcher(String streamName, Publisher browser) {
    }
}
