package io.streamrecorder.signalling;

import io.streamrecorder.upload.UploadProgress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Holds a stream's upload reports back until its UNPUBLISHED or FAILED has gone out, as the
 * signalling protocol promises (README, "upload"). Uploading while recording, a short recording can
 * be in the bucket and verified before it is finished and UNPUBLISHED sent, and the JS library, which
 * routes upload reports by the file UNPUBLISHED names, dropped such an early report. Only the last
 * report of each file is held: a later one says all an earlier one did.
 */
final class UploadsAfterEnd {

    private final Consumer<ServerMessage> out;
    /** Streams that have begun and not yet ended, with their held reports by file name. */
    private final Map<String, Map<String, UploadProgress>> live = new HashMap<>();

    UploadsAfterEnd(Consumer<ServerMessage> out) {
        this.out = out;
    }

    /** The stream has begun: its reports wait for its end. */
    synchronized void began(String streamName) {
        live.putIfAbsent(streamName, new LinkedHashMap<>());
    }

    /** Sends the report now, or holds it while its stream lasts. */
    synchronized void report(String streamName, UploadProgress progress) {
        Map<String, UploadProgress> held = live.get(streamName);
        if (held == null) {
            out.accept(new ServerMessage.Upload(streamName, progress));
        } else {
            held.put(progress.fileName(), progress);
        }
    }

    /** The stream's end has been sent: what was held goes out after it. */
    synchronized void ended(String streamName) {
        Map<String, UploadProgress> held = live.remove(streamName);
        if (held != null) {
            held.values().forEach(progress -> out.accept(new ServerMessage.Upload(streamName, progress)));
        }
    }
}
