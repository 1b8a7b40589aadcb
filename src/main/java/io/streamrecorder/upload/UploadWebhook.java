package io.streamrecorder.upload;

import io.streamrecorder.config.UploadConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POSTs the outcome of each upload to the configured URL: stream, file, bucket, key, size, ETag
 * and UPLOADED or UPLOAD_FAILED with the reason, and the recording's metadata. Delivery is best effort
 * and never holds up an upload.
 */
@ApplicationScoped
public class UploadWebhook {

    private static final Logger LOG = Logger.getLogger(UploadWebhook.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * HTTP/1.1: to a plain {@code http://} receiver the JDK's client otherwise offers an upgrade to
     * cleartext HTTP/2 (h2c) with every request, and Undertow (WildFly's) now and then answers an
     * upgraded connection with frames the client rejects; the tests saw it ({@code PlainHttp}).
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private UploadConfig config;

    protected UploadWebhook() {
        // for CDI proxies
    }

    @Inject
    public UploadWebhook(UploadConfig config) {
        this.config = config;
    }

    void onProgress(@Observes UploadProgress progress) {
        if (progress.last()) {
            config.uploadWebhook().ifPresent(url -> post(url, progress));
        }
    }

    private void post(URI url, UploadProgress progress) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("outcome", progress.state().name())
                .add("streamName", String.valueOf(progress.streamName()))
                .add("fileName", progress.fileName())
                .add("bucket", String.valueOf(progress.bucket()))
                .add("key", String.valueOf(progress.key()));
        JsonObjectBuilder metadata = Json.createObjectBuilder();
        progress.metadata().entries().forEach(metadata::add);
        json.add("metadata", metadata);
        if (progress.state() == UploadProgress.State.UPLOADED) {
            json.add("sizeBytes", progress.sizeBytes()).add("eTag", progress.eTag());
            if (progress.crc32c() != null) {
                json.add("checksumCRC32C", progress.crc32c());
            }
        } else {
            json.add("reason", String.valueOf(progress.reason()));
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.build().toString())).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, failure, () -> String.format("Upload webhook %s for %s failed", url.getHost(),
                        progress.fileName()));
            } else {
                LOG.info(() -> String.format("Upload webhook for %s answered %s", progress.fileName(),
                        response.statusCode()));
            }
        });
    }
}
