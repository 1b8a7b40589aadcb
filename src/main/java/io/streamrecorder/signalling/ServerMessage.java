package io.streamrecorder.signalling;

import io.streamrecorder.upload.UploadProgress;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** A message to the browser; each knows its own JSON form. */
public sealed interface ServerMessage {

    JsonObject toJson();

    record Answer(String streamName, String sdp) implements ServerMessage {
        @Override
        public JsonObject toJson() {
            return Json.createObjectBuilder().add("type", "answer").add("streamName", streamName).add("sdp", sdp).build();
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

    /** Record info travels with UNPUBLISHED, a reason with FAILED. */
    record Status(String streamName, StreamStatus status, RecordInfoView record, String reason) implements ServerMessage {

        static Status publishing(String streamName) {
            return new Status(streamName, StreamStatus.PUBLISHING, null, null);
        }

        static Status unpublished(String streamName, RecordInfoView record) {
            return new Status(streamName, StreamStatus.UNPUBLISHED, record, null);
        }

        static Status failed(String streamName, String reason) {
            return new Status(streamName, StreamStatus.FAILED, null, reason);
        }

        @Override
        public JsonObject toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder().add("type", "status").add("streamName", streamName)
                    .add("status", status.name());
            if (record != null) {
                json.add("record", record.toJson());
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
