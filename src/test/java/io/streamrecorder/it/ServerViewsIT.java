package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the application server's own tools show of the recorder: its meters in the Prometheus
 * endpoint of the micrometer subsystem, and its upload jobs in the management model that HAL's
 * batch view reads.
 */
class ServerViewsIT {

    @Test
    void metricsMoveWithARecordingAndItsUpload() throws Exception {
        Metrics before = Metrics.scrape();
        assertTrue(before.text.contains("# TYPE streamrecorder_recordings_started_total counter"), before.text);
        String name = "metrics-" + System.nanoTime();
        String fileName;
        try (Browser browser = new Browser()) {
            browser.openRecordingPage();
            browser.startPublishing(name, Duration.ofSeconds(20));
            // Seconds of media, so the file and its upload have bytes to count.
            Publishing.keepFor(Duration.ofSeconds(3));
            Await.until("the gauges to show one stream and one recording active", Duration.ofSeconds(10),
                    ServerViewsIT::activeStreamsAndRecordings, List.of(1.0, 1.0)::equals);
            fileName = browser.stopPublishing();
            browser.await(Duration.ofSeconds(60)).until(d -> "UPLOADED".equals(browser.element("uploadStatus").getText()));
        }
        long size = Files.size(RecordsDir.path().resolve(fileName));
        Metrics after = Metrics.scrape();

        assertEquals(0, after.value("streamrecorder_streams_active"));
        assertEquals(0, after.value("streamrecorder_recordings_active"));
        assertIncreased(before, after, "streamrecorder_recordings_started_total", 1);
        assertIncreased(before, after, "streamrecorder_recordings_succeeded_total", 1);
        assertIncreased(before, after, "streamrecorder_recordings_written_bytes_total", size);
        assertIncreased(before, after, "streamrecorder_uploads_succeeded_total", 1);
        assertIncreased(before, after, "streamrecorder_uploads_bytes_total", size);
        assertIncreased(before, after, "streamrecorder_upload_jobs_started_total", 1);
        String completed = "status=\"COMPLETED\"";
        assertTrue(after.value("streamrecorder_upload_jobs_seconds_count", completed)
                >= before.value("streamrecorder_upload_jobs_seconds_count", completed) + 1, after.text);
        assertTrue(after.text.contains("streamrecorder_encoder_dropped_samples_total"), after.text);
        assertTrue(after.text.contains("streamrecorder_encoder_queue_samples"), after.text);
    }

    @Test
    void uploadJobsAreInTheServersManagementModel() throws Exception {
        Path recording = UploadApi.generateRecording("managed-" + System.nanoTime(), 1000);
        long execution = UploadApi.queue(recording);
        UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(60));

        JsonObject job = ManagementApi.execute("""
                {"operation": "read-resource", "include-runtime": true, "recursive": true,
                 "address": [{"deployment": "stream-recorder.war"}, {"subsystem": "batch-jberet"}, {"job": "upload-recording"}]}
                """).asJsonObject();
        JsonObject executions = job.getJsonObject("execution");
        assertTrue(executions.containsKey(Long.toString(execution)), "execution " + execution + " is listed: " + job);
        assertEquals("COMPLETED", executions.getJsonObject(Long.toString(execution)).getString("batch-status"));
    }

    private static List<Double> activeStreamsAndRecordings() throws Exception {
        Metrics now = Metrics.scrape();
        return List.of(now.value("streamrecorder_streams_active"), now.value("streamrecorder_recordings_active"));
    }

    private static void assertIncreased(Metrics before, Metrics after, String name, double by) {
        assertTrue(after.value(name) >= before.value(name) + by,
                name + " went from " + before.value(name) + " to " + after.value(name) + ", expected at least +" + by);
    }
}
