package io.streamrecorder.admin;

import io.streamrecorder.records.MetadataSidecar;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordsDirectory;
import io.streamrecorder.upload.UploadProgress;
import io.streamrecorder.upload.UploadStarter;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.logging.Logger;

/** Recordings: list, look at, delete the local copy, (re)queue an upload. */
@Path("/recordings")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    private static final Logger LOG = Logger.getLogger(RecordingsResource.class.getName());
    private static final List<String> SIDECARS = List.of(".upload.json", ".upload-pending", ".hook.json", ".recovered.json",
            MetadataSidecar.SUFFIX);

    @Inject
    RecordsDirectory directory;

    @Inject
    RecordingCatalog catalog;

    @Inject
    UploadStates uploadStates;

    @Inject
    UploadStarter uploads;

    @GET
    public JsonArray list() throws IOException {
        JsonArrayBuilder all = Json.createArrayBuilder();
        catalog.all().forEach(all::add);
        return all.build();
    }

    @GET
    @Path("{fileName}")
    public JsonObject get(@PathParam("fileName") String fileName) throws IOException {
        return catalog.one(fileName).orElseThrow(() -> notFound(fileName));
    }

    /** Deletes the local file, its poster and its records; refused while it is being uploaded. */
    @DELETE
    @Path("{fileName}")
    public Response delete(@PathParam("fileName") String fileName) throws IOException {
        java.nio.file.Path file = directory.finishedRecording(fileName).orElseThrow(() -> notFound(fileName));
        boolean uploading = uploadStates.of(fileName).map(p -> p.state() == UploadProgress.State.UPLOADING).orElse(false);
        if (uploading) {
            throw new ClientErrorException(fileName + " is being uploaded; delete it when the upload has ended",
                    Response.Status.CONFLICT);
        }
        Files.deleteIfExists(RecordsDirectory.posterOf(file));
        for (String sidecar : SIDECARS) {
            Files.deleteIfExists(file.resolveSibling(fileName + sidecar));
        }
        Files.delete(file);
        uploadStates.forget(fileName);
        LOG.info(() -> String.format("Recording %s deleted by an operator", fileName));
        return Response.noContent().build();
    }

    @POST
    @Path("{fileName}/upload")
    public Response queueUpload(@PathParam("fileName") String fileName) throws IOException {
        java.nio.file.Path file = directory.finishedRecording(fileName).orElseThrow(() -> notFound(fileName));
        String streamName = directory.streamNameOf(fileName).orElse(fileName);
        long execution = uploads.upload(new RecordInfo(streamName, file, 0, Files.size(file)));
        return Response.accepted(Json.createObjectBuilder().add("executionId", execution).build()).build();
    }

    private static NotFoundException notFound(String fileName) {
        return new NotFoundException("No finished recording named " + fileName);
    }
}
