package io.streamrecorder.admin;

import io.streamrecorder.recording.RecordInfo;
import io.streamrecorder.recording.RecordingService;
import io.streamrecorder.upload.UploadStarter;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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

/** Queue an upload of any finished recording by hand, and follow upload jobs. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class UploadsResource {

    @Inject
    RecordingService recordings;

    @Inject
    UploadStarter uploads;

    @POST
    @Path("recordings/{fileName}/upload")
    public Response queueUpload(@PathParam("fileName") String fileName) throws IOException {
        java.nio.file.Path file = recordings.directory().finishedRecording(fileName)
                .orElseThrow(() -> new NotFoundException("No finished recording named " + fileName));
        String streamName = recordings.directory().streamNameOf(fileName).orElse(fileName);
        long execution = uploads.upload(new RecordInfo(streamName, file, 0, Files.size(file)));
        return Response.accepted(Json.createObjectBuilder().add("executionId", execution).build()).build();
    }

    @GET
    @Path("uploads/{executionId}")
    public JsonObject upload(@PathParam("executionId") long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            JobExecution execution = operator.getJobExecution(executionId);
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("executionId", executionId)
                    .add("jobName", execution.getJobName())
                    .add("batchStatus", execution.getBatchStatus().name())
                    .add("exitStatus", String.valueOf(execution.getExitStatus()));
            for (StepExecution step : operator.getStepExecutions(executionId)) {
                JsonObjectBuilder metrics = Json.createObjectBuilder();
                for (Metric metric : step.getMetrics()) {
                    metrics.add(metric.getType().name(), metric.getValue());
                }
                json.add("step", Json.createObjectBuilder().add("name", step.getStepName())
                        .add("batchStatus", step.getBatchStatus().name())
                        .add("exitStatus", String.valueOf(step.getExitStatus()))
                        .add("metrics", metrics));
            }
            return json.build();
        } catch (NoSuchJobExecutionException e) {
            throw new NotFoundException("No upload job execution " + executionId);
        }
    }
}
