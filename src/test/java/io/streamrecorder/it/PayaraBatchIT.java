package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.PlainHttp;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payara only: upload jobs run in the server's batch runtime, where its administration (asadmin, and
 * the admin console's Batch page, which shows the same) lists them; the recorder's health checks are
 * served by Payara's own MicroProfile Health endpoint.
 */
class PayaraBatchIT {

    @Test
    void anUploadJobQueuedThroughTheApiIsListedByPayarasBatchAdministration() throws Exception {
        Path recording = UploadApi.generateRecording("payara-batch-" + System.nanoTime(), 3 * 1024 * 1024);
        long execution = UploadApi.queue(recording);
        JsonObject status = UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(60));
        assertEquals("COMPLETED", status.getString("batchStatus"), "the upload job: " + status);

        String executions = PayaraProcess.asadmin("list-batch-job-executions", "--executionid", Long.toString(execution),
                "--output", "jobname,executionid,batchstatus");
        assertTrue(rows(executions).contains(List.of("upload-recording", Long.toString(execution), "COMPLETED")),
                "asadmin lists the execution as completed:\n" + executions);
        String jobs = PayaraProcess.asadmin("list-batch-jobs", "--output", "jobname");
        assertTrue(rows(jobs).contains(List.of("upload-recording")), "asadmin lists the job:\n" + jobs);
    }

    @Test
    void readinessAndLivenessAreServedAtPayarasHealthEndpoint() throws Exception {
        HttpClient http = PlainHttp.client();
        for (String check : List.of("ready", "live")) {
            URI health = URI.create(Browser.serverUrl()).resolve("/health/" + check);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), health + ": " + response.body());
            assertTrue(response.body().contains(check.equals("ready") ? "stream-recorder-publishes" : "stream-recorder-recording"),
                    health + ": " + response.body());
        }
    }

    /** asadmin's table as rows of cells (columns are separated by runs of spaces). */
    private static List<List<String>> rows(String table) {
        return table.lines().map(line -> Arrays.asList(line.strip().split("\\s+"))).toList();
    }
}
