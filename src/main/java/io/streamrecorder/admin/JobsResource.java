package io.streamrecorder.admin;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.upload.JobOwner;
import io.streamrecorder.upload.UploadRescue;
import io.streamrecorder.upload.UploadResult;
import io.streamrecorder.upload.UploadStarter;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Paths;
import java.util.Date;
import java.util.Properties;

/** The upload jobs in the batch job repository: list (newest first, paged), look at, restart, abandon. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private static final int MAX_PAGE = 100;

    private final JobOperator operator = BatchRuntime.getJobOperator();

    @Inject
    RecorderConfig config;

    @Inject
    UploadRescue rescue;

    @GET
    public JsonObject list(@QueryParam("start") @DefaultValue("0") int start,
            @QueryParam("count") @DefaultValue("20") int count) {
        if (start < 0 || count < 1 || count > MAX_PAGE) {
            throw new BadRequestException("start must be 0 or more and count 1 to " + MAX_PAGE);
        }
        JsonArrayBuilder jobs = Json.createArrayBuilder();
        int total;
        try {
            total = operator.getJobInstanceCount(UploadStarter.JOB_NAME);
            for (JobInstance instance : operator.getJobInstances(UploadStarter.JOB_NAME, start, count)) {
                for (JobExecution execution : operator.getJobExecutions(instance)) {
                    jobs.add(describe(execution));
                }
            }
        } catch (NoSuchJobException none) {
            total = 0;
        }
        return Json.createObjectBuilder().add("node", config.nodeName()).add("total", total).add("start", start)
                .add("count", count).add("jobs", jobs).build();
    }

    @GET
    @Path("{executionId}")
    public JsonObject get(@PathParam("executionId") long executionId) {
        try {
            return describe(operator.getJobExecution(executionId));
        } catch (NoSuchJobExecutionException e) {
            throw notFound(executionId);
        }
    }

    /** Runs a failed or stopped upload again from its last checkpoint. */
    @POST
    @Path("{executionId}/restart")
    public Response restart(@PathParam("executionId") long executionId) {
        try {
            requireOwnJob(executionId, "restarted");
            long restarted = operator.restart(executionId, new Properties());
            return Response.accepted(Json.createObjectBuilder().add("executionId", restarted).build()).build();
        } catch (NoSuchJobExecutionException e) {
            throw notFound(executionId);
        } catch (JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException | JobRestartException e) {
            throw new ClientErrorException("Job execution " + executionId + " cannot be restarted: " + e.getMessage(),
                    Response.Status.CONFLICT);
        }
    }

    /** Gives up on an upload for good: it can no longer be restarted. */
    @POST
    @Path("{executionId}/abandon")
    public JsonObject abandon(@PathParam("executionId") long executionId) {
        try {
            requireOwnJob(executionId, "abandoned");
            operator.abandon(executionId);
            return get(executionId);
        } catch (NoSuchJobExecutionException e) {
            throw notFound(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw new ClientErrorException("Job execution " + executionId + " is running; it can be abandoned once it"
                    + " has stopped or failed", Response.Status.CONFLICT);
        }
    }

    /**
     * Completes, from the parts already in S3, the object of another node's upload that followed a
     * recording, when that node is gone for good: a fragmented MP4 up to the end of the last part.
     */
    @POST
    @Path("{executionId}/rescue")
    public JsonObject rescue(@PathParam("executionId") long executionId) {
        try {
            UploadResult rescued = rescue.rescue(executionId);
            JsonObjectBuilder json = Json.createObjectBuilder().add("bucket", rescued.bucket()).add("key", rescued.key())
                    .add("sizeBytes", rescued.sizeBytes()).add("parts", rescued.parts()).add("eTag", rescued.eTag());
            if (rescued.crc32c() != null) {
                json.add("checksumCRC32C", rescued.crc32c());
            }
            return json.build();
        } catch (NoSuchJobExecutionException e) {
            throw notFound(executionId);
        } catch (IllegalStateException e) {
            throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    /** Another node's job works on a file on that node's disk: only that node may act on it. */
    private void requireOwnJob(long executionId, String action) {
        Properties parameters = operator.getParameters(executionId);
        if (!JobOwner.isOwnedBy(parameters, config.nodeName())) {
            throw new ClientErrorException("Job execution " + executionId + " belongs to node "
                    + JobOwner.of(parameters).orElseThrow() + ", which holds its file: it can only be " + action + " there",
                    Response.Status.CONFLICT);
        }
    }

    private JsonObject describe(JobExecution execution) {
        Properties parameters = execution.getJobParameters();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("executionId", execution.getExecutionId())
                .add("jobName", execution.getJobName())
                .add("batchStatus", execution.getBatchStatus().name())
                .add("exitStatus", String.valueOf(execution.getExitStatus()))
                .add("file", parameters == null ? "" : recordingOf(parameters))
                .add("key", parameters == null ? "" : parameters.getProperty("key", ""))
                .add("node", JobOwner.of(parameters).orElse(""))
                .add("whileRecording", parameters != null && parameters.containsKey("fileName"));
        add(json, "createdAt", execution.getCreateTime());
        add(json, "startedAt", execution.getStartTime());
        add(json, "endedAt", execution.getEndTime());
        JsonArrayBuilder steps = Json.createArrayBuilder();
        for (StepExecution step : operator.getStepExecutions(execution.getExecutionId())) {
            JsonObjectBuilder metrics = Json.createObjectBuilder();
            for (Metric metric : step.getMetrics()) {
                metrics.add(metric.getType().name(), metric.getValue());
            }
            steps.add(Json.createObjectBuilder().add("name", step.getStepName())
                    .add("batchStatus", step.getBatchStatus().name())
                    .add("exitStatus", String.valueOf(step.getExitStatus()))
                    .add("metrics", metrics));
        }
        return json.add("steps", steps).build();
    }

    /** The recording a job uploads: an upload that follows one while it is written names its partial file and the name it gets. */
    private static String recordingOf(Properties parameters) {
        String file = parameters.getProperty("file", "");
        String fileName = parameters.getProperty("fileName");
        return fileName == null || file.isEmpty() ? file : Paths.get(file).resolveSibling(fileName).toString();
    }

    private static void add(JsonObjectBuilder json, String name, Date time) {
        if (time != null) {
            json.add(name, time.toInstant().toString());
        }
    }

    private static NotFoundException notFound(long executionId) {
        return new NotFoundException("No upload job execution " + executionId);
    }
}
