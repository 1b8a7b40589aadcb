package io.streamrecorder.admin;

import io.streamrecorder.publishing.NodeDrained;
import io.streamrecorder.records.RecordingFinished;
import io.streamrecorder.upload.UploadProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Server-sent events for the admin console: {@code upload} with each upload report (so progress
 * bars move) and {@code recording} when a file is finished. The console refreshes its lists on
 * either; live streams it polls, their counters change every frame.
 */
@Path("/events")
@ApplicationScoped
public class ConsoleEvents {

    private Sse sse;
    /** Replaced when the node has drained; read by the events' threads. */
    private volatile SseBroadcaster broadcaster;

    @Context
    public void setSse(Sse sse) {
        if (this.sse == null) {
            this.sse = sse;
            this.broadcaster = sse.newBroadcaster();
        }
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public synchronized void subscribe(@Context SseEventSink sink) {
        broadcaster.register(sink);
        sink.send(sse.newEvent("hello", "{}"));
    }

    void onUpload(@Observes UploadProgress progress) {
        if (broadcaster != null) {
            broadcaster.broadcast(sse.newEventBuilder().name("upload").data(Json.createObjectBuilder()
                    .add("fileName", progress.fileName()).add("state", progress.state().name())
                    .add("percent", progress.percent()).build().toString()).build());
        }
    }

    /**
     * Ends every subscription: an event stream is a request that never ends, and the server's suspend
     * waits for requests to end. The console polls meanwhile and subscribes again when it can.
     */
    synchronized void onDrained(@Observes NodeDrained drained) {
        if (broadcaster != null) {
            broadcaster.close();
            broadcaster = sse.newBroadcaster();
        }
    }

    void onRecording(@Observes RecordingFinished finished) {
        if (broadcaster != null) {
            broadcaster.broadcast(sse.newEventBuilder().name("recording")
                    .data(Json.createObjectBuilder().add("fileName", finished.record().fileName()).build().toString()).build());
        }
    }
}
