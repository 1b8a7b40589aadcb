package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class UploadIT {

    private static final Map<String, String> METADATA = Map.of("customer", "ACME Ltd.", "case-id", "42");

    @Test
    void uploadsEachFinishedRecordingToTheBucketByteForByte() throws Exception {
        BlockingQueue<String> webhooks = new LinkedBlockingQueue<>();
        List<String> upgradesOffered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("webhook.port")), 0);
        receiver.createContext("/upload-finished", exchange -> {
            String upgrade = exchange.getRequestHeaders().getFirst("Upgrade");
            if (upgrade != null) {
                upgradesOffered.add(upgrade);
            }
            webhooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            publishAndCheckUpload(webhooks);
        } finally {
            receiver.stop(0);
        }
        assertEquals(List.of(), upgradesOffered, "the webhook speaks HTTP/1.1 to a plain http:// receiver, offering no h2c");
    }

    private void publishAndCheckUpload(BlockingQueue<String> webhooks) throws Exception {
        String name = "upload-" + System.nanoTime();
        byte[] downloaded;
        String fileName;
        try (Browser browser = new Browser()) {
            // As a site links to the page: the recording's metadata in the query, like a WHIP client's.
            browser.openRecordingPageWith("meta.customer=ACME%20Ltd.&meta.case-id=42");
            browser.startPublishing(name, Duration.ofSeconds(20));
            Publishing.keepFor(Duration.ofSeconds(4));
            fileName = browser.stopPublishing();
            String href = browser.downloadUrl();
            downloaded = PlainHttp.client().send(HttpRequest.newBuilder(URI.create(href)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();

            // The page follows the upload after UNPUBLISHED and links the object with a presigned URL.
            browser.await(Duration.ofSeconds(60)).until(d -> "UPLOADED".equals(browser.element("uploadStatus").getText()));
            assertEquals("s3://" + S3ProxyProcess.bucket() + "/" + name + "/" + fileName,
                    browser.element("uploadDetails").getText());
            String presigned = browser.element("uploadLink").getAttribute("href");
            HttpResponse<byte[]> fromBucket = PlainHttp.client().send(
                    HttpRequest.newBuilder(URI.create(presigned)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, fromBucket.statusCode(), "the presigned link works without credentials");
            assertArrayEquals(UploadApi.sha256(downloaded), UploadApi.sha256(fromBucket.body()));
        }

        Path result = RecordsDir.path().resolve(fileName + ".upload.json");
        RecordsDir.awaitFile(result, Duration.ofSeconds(60));
        JsonObject upload = Json.createReader(new StringReader(Files.readString(result))).readObject();
        assertEquals("UPLOADED", upload.getString("state"));
        assertEquals(name + "/" + fileName, upload.getString("key"), "key from the default template");

        try (S3Client s3 = S3ProxyProcess.shared().client()) {
            byte[] stored = s3.getObjectAsBytes(r -> r.bucket(S3ProxyProcess.bucket()).key(name + "/" + fileName)).asByteArray();
            assertEquals(downloaded.length, stored.length);
            assertArrayEquals(UploadApi.sha256(downloaded), UploadApi.sha256(stored), "the object is the recording, byte for byte");
            HeadObjectResponse head = s3.headObject(r -> r.bucket(S3ProxyProcess.bucket()).key(name + "/" + fileName));
            assertEquals(METADATA, head.metadata(), "the publisher's metadata is the object's user metadata");
            assertEquals("video/mp4", head.contentType());
            assertEquals("attachment; filename=\"" + fileName + "\"", head.contentDisposition());
        }
        HttpResponse<String> listed = PlainHttp.client().send(Operator.admin().request("api/recordings/" + fileName)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(Json.createObjectBuilder(Map.<String, Object>copyOf(METADATA)).build(),
                Json.createReader(new StringReader(listed.body())).readObject().getJsonObject("metadata"), listed.body());

        JsonObject webhook = webhookFor(name, webhooks);
        assertEquals("UPLOADED", webhook.getString("outcome"));
        assertEquals(name, webhook.getString("streamName"));
        assertEquals(name + "/" + fileName, webhook.getString("key"));
        assertEquals(downloaded.length, webhook.getJsonNumber("sizeBytes").longValue());
        assertEquals(upload.getString("eTag"), webhook.getString("eTag"));
        assertEquals(UploadApi.crc32c(RecordsDir.path().resolve(fileName)), webhook.getString("checksumCRC32C"),
                "the webhook carries the verified full-object checksum");
        assertEquals(Json.createObjectBuilder(Map.<String, Object>copyOf(METADATA)).build(), webhook.getJsonObject("metadata"));

        Path hookResult = RecordsDir.path().resolve(fileName + ".hook.json");
        RecordsDir.awaitFile(hookResult, Duration.ofSeconds(10));
        JsonObject hook = Json.createReader(new StringReader(Files.readString(hookResult))).readObject();
        assertEquals("OK", hook.getString("outcome"));
        assertEquals(0, hook.getInt("exitStatus"));
        assertTrue(Files.readString(Path.of(System.getProperty("server.log")))
                .contains("[" + fileName + "]: recorded stream " + name), "the hook's output is in the server log");
    }

    /**
     * This stream's webhook call. The lane's receiver may also hear of a recording an earlier test
     * left behind (one a crash test's restart recovered and uploads now): those are skipped.
     */
    private static JsonObject webhookFor(String name, BlockingQueue<String> webhooks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> others = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String body = webhooks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (body != null) {
                JsonObject webhook = Json.createReader(new StringReader(body)).readObject();
                if (name.equals(webhook.getString("streamName", ""))) {
                    return webhook;
                }
                others.add(body);
            }
        }
        throw new AssertionError("the webhook was not called for " + name + "; other calls: " + others);
    }
}
