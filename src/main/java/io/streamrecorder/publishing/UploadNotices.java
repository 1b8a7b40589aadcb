package io.streamrecorder.publishing;

import io.streamrecorder.upload.UploadProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the publisher that recorded a file how its upload goes. The publisher is registered for a
 * file once the file is finished. Uploading while recording, a short file can be in the bucket and
 * verified before that (seen on Payara under load: the page never heard UPLOADED), so the last
 * report of a file nobody watches yet waits for its watcher, among the latest {@link #UNWATCHED} such.
 * A watcher is forgotten when its upload ends or its publisher goes away; one that came after the
 * end stays for a retry's reports until then.
 */
@ApplicationScoped
public class UploadNotices {

    /** Files whose upload ended unwatched, remembered: most are never watched (WHIP publishers, recovered uploads). */
    static final int UNWATCHED = 64;

    private final Map<String, Watcher> watchers = new HashMap<>();
    private final Map<String, UploadProgress> endedUnwatched = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UploadProgress> eldest) {
            return size() > UNWATCHED;
        }
    };

    /** Watches the file's upload; an upload already ended is reported now, and a retry's reports follow. */
    void watch(String fileName, String streamName, Publisher publisher) {
        UploadProgress ended;
        synchronized (this) {
            watchers.put(fileName, new Watcher(streamName, publisher));
            ended = endedUnwatched.remove(fileName);
        }
        if (ended != null) {
            publisher.uploadProgress(streamName, ended);
        }
    }

    synchronized void forget(Publisher publisher) {
        watchers.values().removeIf(watcher -> watcher.publisher() == publisher);
    }

    void onProgress(@Observes UploadProgress progress) {
        Watcher watcher;
        synchronized (this) {
            watcher = progress.last() ? watchers.remove(progress.fileName()) : watchers.get(progress.fileName());
            if (watcher == null && progress.last()) {
                endedUnwatched.put(progress.fileName(), progress);
            }
        }
        if (watcher != null) {
            watcher.publisher().uploadProgress(watcher.streamName(), progress);
        }
    }

    private record Watcher(String streamName, Publisher publisher) {
    }
}
