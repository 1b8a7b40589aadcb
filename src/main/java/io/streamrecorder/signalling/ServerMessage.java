package io.streamrecorder.signalling;

import io.streamrecorder.ice.IceServer;
import io.streamrecorder.upload.UploadProgress;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** A message to the browser; each knows its own JSON form. */
public sealed interface ServerMessage {

    JsonObject toJson();

    record Answer(String streamName, String sdp) implements ServerMessage {
        @Override
        public JsonObject toJson() {
            return Json.createObjectBuilder().add("type", "answer").add("streamName", streamName).add("sdp", sdp).build();
        }
    }

    /** The servers, in the shape of RTCPeerConnection's {@code iceServers}. */
    record IceServers(String streamName, List<IceServer> servers) implements ServerMessage {
        @Override
        public JsonObject toJson() {
            JsonArrayBuilder list = Json.createArrayBuilder();
            for (IceServer server : servers) {
                JsonObjectBuilder json = Json.createObjectBuilder().add("urls", server.url());
                if (server.hasCredentials()) {
                    json.add("username", server.username()).add("credential", server.credential());
                }
                list.add(json);
            }
            return Json.createObjectBuilder().add("type", "ice-servers").add("streamName", streamName)
                    .add("iceServers", list).build();
        }
    }

    record Ice(String streamName, String candidate, String sdpMid, int sdpMLineIndex) implements ServerMessage {
        @Override
        public JsonObject toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder().add("type", "ice").add("streamName", streamName)
                    .add("candidate", candidate).add("sdpMLineIndex", sdpMLineIndex);
            if (sdpMid != null) {
                json.add("sdpMid", sdpMid);
            }
            return json.build();
        }
    }

    /**
     * UNPUBLISHED carries the recorded files: {@code record} is the last one (the only one without
     * rotation), {@code segments} all of them in order. FAILED carries a reason.
     */
    record Status(String streamName, StreamStatus status, List<RecordInfoView> files, String reason) implements ServerMessage {

        static Status publishing(String streamName) {
            return new Status(streamName, StreamStatus.PUBLISHING, List.of(), null);
        }

        static Status paused(String streamName) {
            return new Status(streamName, StreamStatus.PAUSED, List.of(), null);
        }

        static Status unpublished(String streamName, List<RecordInfoView> files) {
            return new Status(streamName, StreamStatus.UNPUBLISHED, files, null);
        }

        static Status failed(String streamName, String reason) {
            return new Status(streamName, StreamStatus.FAILED, List.of(), reason);
        }

        @Override
        public JsonObject toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder().add("type", "status").add("streamName", streamName)
                    .add("status", status.name());
            if (!files.isEmpty()) {
                JsonArrayBuilder segments = Json.createArrayBuilder();
                files.forEach(file -> segments.add(file.toJson()));
                json.add("record", files.get(files.size() - 1).toJson()).add("segments", segments);
            }
            if (reason != null) {
                json.add("reason", reason);
            }
            return json.build();
        }
    }

    /** How the upload of a stream's recording goes; follows UNPUBLISHED. */
    record Upload(String streamName, UploadProgress progress) implements ServerMessage {
        @Override
        public JsonObject toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder().add("type", "upload").add("streamName", streamName)
                    .add("fileName", progress.fileName()).add("state", progress.state().name())
                    .add("percent", progress.percent());
            if (progress.bucket() != null) {
                json.add("bucket", progress.bucket()).add("key", progress.key()).add("url", progress.url());
            }
            if (progress.reason() != null) {
                json.add("reason", progress.reason());
            }
            return json.build();
        }
    }

    record Error(String reason) implements ServerMessage {
        @Override
        public JsonObject toJson() {
            return Json.createObjectBuilder().add("type", "error").add("reason", reason).build();
        }
    }

    /** What the page learns about a finished recording. */
    record RecordInfoView(String fileName, String downloadUrl, long durationMs, long sizeBytes) {
        JsonObject toJson() {
            return Json.createObjectBuilder().add("fileName", fileName).add("downloadUrl", downloadUrl)
                    .add("durationMs", durationMs).add("sizeBytes", sizeBytes).build();
        }
    }
}
