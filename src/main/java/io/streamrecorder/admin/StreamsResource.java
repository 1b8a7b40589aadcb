package io.streamrecorder.admin;

import io.streamrecorder.publishing.CannotPauseException;
import io.streamrecorder.publishing.LiveStream;
import io.streamrecorder.publishing.StreamRegistry;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Streams being published now, and stopping one. */
@Path("/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamsResource {

    @Inject
    StreamRegistry registry;

    @GET
    public JsonArray list() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (LiveStream stream : registry.live()) {
            JsonObjectBuilder json = Json.createObjectBuilder().add("name", stream.name())
                    .add("since", stream.since().toString()).add("publishing", stream.publishing())
                    .add("videoFrames", stream.videoFrames()).add("audioChunks", stream.audioChunks())
                    .add("droppedSamples", stream.droppedSamples())
                    .add("width", stream.video().width()).add("height", stream.video().height())
                    .add("framesPerSecond", Math.round(stream.video().framesPerSecond() * 10) / 10.0)
                    .add("recordedBytes", stream.recordedBytes())
                    .add("recordingBitsPerSecond", stream.recordingBitsPerSecond());
            if (stream.clientAddress() != null) {
                json.add("clientAddress", stream.clientAddress());
            }
            if (stream.recordingFile() != null) {
                json.add("recordingFile", stream.recordingFile());
            }
            json.add("paused", stream.pausedSince() != null);
            if (stream.pausedSince() != null) {
                json.add("pausedSince", stream.pausedSince().toString());
            }
            all.add(json);
        }
        return all.build();
    }

    /** Pauses the stream's recording as its page's Pause would: the connection stays up, the file waits. */
    @POST
    @Path("{name}/pause")
    public Response pause(@PathParam("name") String name) {
        try {
            return found(registry.pause(name), name);
        } catch (CannotPauseException e) {
            throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    /** Resumes the stream's recording where its file stopped. */
    @POST
    @Path("{name}/resume")
    public Response resume(@PathParam("name") String name) {
        try {
            return found(registry.resume(name), name);
        } catch (CannotPauseException e) {
            throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    private static Response found(boolean found, String name) {
        if (!found) {
            throw new NotFoundException("No stream named " + name + " is being published");
        }
        return Response.noContent().build();
    }

    /** Stops the stream as its browser's Stop would: the recording is finalised and uploaded. */
    @POST
    @Path("{name}/stop")
    public Response stop(@PathParam("name") String name) {
        if (!registry.stop(name)) {
            throw new NotFoundException("No stream named " + name + " is being published");
        }
        return Response.accepted().build();
    }
}
