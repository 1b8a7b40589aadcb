package io.streamrecorder.it;

import io.streamrecorder.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3-compatible server of the integration tests: S3Proxy with its filesystem backend, checking
 * SigV4 signatures, on loopback, as a process of its own so a test can take it down and bring it back.
 */
public final class S3ProxyProcess {

    private static S3ProxyProcess shared;

    private final Path jar;
    private final Path directory;
    private final int port;
    private Process process;

    private S3ProxyProcess(Path jar, Path directory, int port) {
        this.jar = jar;
        this.directory = directory;
        this.port = port;
    }

    /** The server the deployed application uploads to, started once for the whole test run. */
    public static synchronized S3ProxyProcess shared() {
        if (shared == null) {
            shared = new S3ProxyProcess(Path.of(System.getProperty("s3proxy.jar")),
                    Path.of(System.getProperty("s3proxy.dir")), Integer.getInteger("s3.port"));
            shared.start();
            shared.createBucket(bucket());
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
        }
    }

    public static String bucket() {
        return System.getProperty("s3.bucket");
    }

    public synchronized void start() {
        start(System.getProperty("s3.identity"), System.getProperty("s3.credential"));
    }

    /** Starts with other credentials than the application has: every request it signs is refused. */
    public synchronized void start(String identity, String credential) {
        try {
            Files.createDirectories(directory.resolve("data"));
            Path properties = directory.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + identity,
                    "s3proxy.credential=" + credential,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + directory.resolve("data")) + "\n");
            process = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("s3proxy.log").toFile()).start();
            awaitPort(true, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the server away abruptly, as a crash or a network outage would. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
            awaitPort(false, Duration.ofSeconds(10));
        }
    }

    /** With the filesystem backend a bucket is a directory. */
    void createBucket(String name) {
        try {
            Files.createDirectories(directory.resolve("data").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The application's credentials, as an S3 client we did not write reads them from its environment. */
    static Map<String, String> credentialsEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", System.getProperty("s3.identity"),
                "AWS_SECRET_ACCESS_KEY", System.getProperty("s3.credential"));
    }

    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getProperty("s3.identity"), System.getProperty("s3.credential"))))
                .build();
    }

    private void awaitPort(boolean open, Duration timeout) {
        try {
            Await.until("S3Proxy on port " + port + (open ? " to start" : " to stop"), timeout, () -> listening() == open);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
