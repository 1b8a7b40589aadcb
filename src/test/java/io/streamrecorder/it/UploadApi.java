package io.streamrecorder.it;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/** The upload REST API and the recordings it works on, as the tests use them. */
public final class UploadApi {

    private static final HttpClient HTTP = PlainHttp.client();

    private UploadApi() {
    }

    /** A recording-named file of random bytes in the server's records directory. */
    public static Path generateRecording(String streamName, long size) throws IOException {
        return generateRecording(RecordsDir.path(), streamName, size);
    }

    /** The same in {@code recordsDir} (another node's). */
    public static Path generateRecording(Path recordsDir, String streamName, long size) throws IOException {
        Path file = recordsDir.resolve(streamName + "-20261125T000000Z.mp4");
        Files.createDirectories(file.getParent());
        Random random = new Random(size);
        byte[] block = new byte[1024 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return file;
    }

    public static long queue(Path recording) throws Exception {
        return queue(Browser.serverUrl(), recording);
    }

    /** Queues the upload on the node at {@code serverUrl}, whose records directory holds the recording. */
    public static long queue(String serverUrl, Path recording) throws Exception {
        HttpResponse<String> response = HTTP.send(Operator.admin()
                .request(serverUrl, "api/recordings/" + recording.getFileName() + "/upload")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("queueing the upload answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body()).getJsonNumber("executionId").longValue();
    }

    public static JsonObject status(long execution) throws Exception {
        return status(Browser.serverUrl(), execution);
    }

    /** The execution as the node at {@code serverUrl} sees it in the job repository. */
    public static JsonObject status(String serverUrl, long execution) throws Exception {
        HttpResponse<String> response = HTTP.send(Operator.admin().request(serverUrl, "api/jobs/" + execution).build(),
                HttpResponse.BodyHandlers.ofString());
        return json(response.body());
    }

    public static JsonObject await(long execution, Predicate<JsonObject> condition, Duration timeout)
            throws InterruptedException {
        return await(Browser.serverUrl(), execution, condition, timeout);
    }

    public static JsonObject await(String serverUrl, long execution, Predicate<JsonObject> condition, Duration timeout)
            throws InterruptedException {
        // Often: an unpaced job writes a part every few tens of milliseconds, and tests act a few parts in.
        return Await.until("upload job " + execution + " on " + serverUrl + " to get there", timeout, Duration.ofMillis(50),
                () -> status(serverUrl, execution), condition);
    }

    public static boolean ended(JsonObject status) {
        String batchStatus = status.getString("batchStatus");
        return batchStatus.equals("COMPLETED") || batchStatus.equals("FAILED") || batchStatus.equals("ABANDONED");
    }

    static long partsWritten(JsonObject status) {
        return metric(status, "WRITE_COUNT");
    }

    /** A metric of the job's uploading step ("upload", or "live" while recording); 0 before it has started. */
    static long metric(JsonObject status, String name) {
        var steps = status.getJsonArray("steps");
        if (steps == null) {
            return 0;
        }
        for (var step : steps.getValuesAs(JsonObject.class)) {
            if (List.of("upload", "live").contains(step.getString("name"))) {
                var value = step.getJsonObject("metrics").getJsonNumber(name);
                return value == null ? 0 : value.longValue();
            }
        }
        return 0;
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    static byte[] sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /** The file's CRC32C as S3 reports it: four bytes, big-endian, in Base64. */
    static String crc32c(Path file) throws Exception {
        return crc32c(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    /** The bytes' CRC32C as S3 reports it: four bytes, big-endian, in Base64. */
    public static String crc32c(java.nio.ByteBuffer bytes) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes.duplicate());
        return java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
