package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The application's one S3 client, built from the configuration on first use and closed when the
 * application stops. Credentials come only from the AWS default provider chain (environment,
 * system properties, profile, container/instance roles).
 */
@ApplicationScoped
public class S3Clients {

    private RecorderConfig config;
    private S3Client client;

    protected S3Clients() {
        // for CDI proxies
    }

    @Inject
    public S3Clients(RecorderConfig config) {
        this.config = config;
    }

    public synchronized S3Client client() {
        if (client == null) {
            S3ClientBuilder builder = S3Client.builder()
                    .region(Region.of(config.s3Region()))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .forcePathStyle(config.s3PathStyle())
                    // We send Content-MD5 per part and verify the object's ETag ourselves; the SDK's
                    // default trailing checksums (aws-chunked) are not understood by every S3-compatible server.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            config.s3Endpoint().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
