package io.streamrecorder.upload;

import io.streamrecorder.config.UploadConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The application's one S3 client, built from the configuration on first use and closed when the
 * application stops. Credentials come only from the AWS default provider chain (environment,
 * system properties, profile, container/instance roles).
 */
@ApplicationScoped
public class S3Clients {

    private UploadConfig config;
    private S3Client client;
    private S3Presigner presigner;

    protected S3Clients() {
        // for CDI proxies
    }

    @Inject
    public S3Clients(UploadConfig config) {
        this.config = config;
    }

    public synchronized S3Client client() {
        if (client == null) {
            S3ClientBuilder builder = S3Client.builder()
                    .region(Region.of(config.s3Region()))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .forcePathStyle(config.s3PathStyle())
                    // We send each part's checksum ourselves (CRC32C, or Content-MD5 with checksums off) and
                    // verify the object; the SDK's default trailing checksums (aws-chunked) are not understood
                    // by every S3-compatible server.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            config.s3Endpoint().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    /** A link that lets whoever holds it download the object for an hour, without credentials. */
    public synchronized String presignedGet(String bucket, String key) {
        if (presigner == null) {
            S3Presigner.Builder builder = S3Presigner.builder()
                    .region(Region.of(config.s3Region()))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.s3PathStyle()).build());
            config.s3Endpoint().ifPresent(builder::endpointOverride);
            presigner = builder.build();
        }
        return presigner.presignGetObject(r -> r.signatureDuration(Duration.ofHours(1))
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
        if (presigner != null) {
            presigner.close();
        }
    }
}
