package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The container image as an operator runs it (Containerfile, bin/image; README, "Container image"):
 * built from the server this build provisioned (the copy in target/image-server, taken before the
 * build added its test users), run by podman with HTTPS and the media ports published on loopback, its
 * records and data on volumes, uploading to this lane's S3Proxy on the host's loopback (slirp4netns'
 * allow_host_loopback: the container's network is a namespace of its own, and of the host it reaches
 * loopback only). Chromium on the host publishes to it over HTTPS. Skipped where podman cannot run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerIT {

    private static final String IMAGE = "localhost/stream-recorder:test";
    private static final String NAME = "stream-recorder-it";
    private static final int HTTPS_PORT = 18443;
    /** Published here only so that the test can poll readiness as an orchestrator would; the image publishes no management port. */
    private static final int MANAGEMENT_PORT = 19990;
    /** Below the ephemeral ports (32768 up) that the other lane's servers and browsers take at random. */
    private static final int MEDIA_PORT_MIN = 31000;
    private static final int MEDIA_PORT_MAX = 31009;
    /** The Containerfile's user. */
    private static final int RECORDER_UID = 10001;
    private static final Path WORK = Path.of("target", "container-it").toAbsolutePath();
    private static final Path RECORDS = WORK.resolve("records");
    private static final String PAGE = "https://127.0.0.1:" + HTTPS_PORT + "/stream-recorder/";
    private static final List<String> ACCEPTS_TEST_CERTIFICATE = List.of("--ignore-certificate-errors");

    private static PodmanContainer container;
    private static HttpClient https;
    private static final HttpClient HTTP = PlainHttp.client();

    @BeforeAll
    static void buildAndRunTheImage() throws Exception {
        Optional<String> missing = PodmanContainer.unavailable();
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElseThrow());
        https = HttpClient.newBuilder().sslContext(TestKeyStore.trustingIt()).build();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Duration build = buildImage();
        for (Path volume : List.of(RECORDS, WORK.resolve("data"))) {
            Files.createDirectories(volume);
            Files.setAttribute(volume, "unix:uid", RECORDER_UID);
            Files.setAttribute(volume, "unix:gid", RECORDER_UID);
        }
        long started = System.nanoTime();
        container = PodmanContainer.start(NAME, IMAGE, options(), secrets());
        awaitReady();
        Duration startToReady = Duration.ofNanos(System.nanoTime() - started);
        String size = PodmanContainer.run(Duration.ofSeconds(30), Map.of(),
                PodmanContainer.command("image", "inspect", "--format", "{{.Size}}", IMAGE)).output().strip();
        Files.writeString(WORK.resolve("figures.txt"), "image build " + build.toMillis() + " ms\nimage size " + size
                + " bytes\npodman run to /health/ready UP " + startToReady.toMillis() + " ms\n");
    }

    @AfterAll
    static void removeTheContainer() throws Exception {
        if (container != null) {
            Files.writeString(WORK.resolve("container.log"), container.logs());
            container.close();
        }
    }

    @Test
    @Order(1)
    void runsAsItsOwnUserNotRootAndIsLiveAndReadyAtTheManagementInterface() throws Exception {
        assertEquals(Integer.toString(RECORDER_UID), container.exec("id", "-u"), "the server's user inside the container");
        assertEquals("recorder", container.inspect("{{.Config.User}}"));
        assertTrue(container.healthy(), "the image's HEALTHCHECK (liveness) passes:\n" + container.logs());
        HttpResponse<String> ready = HTTP.send(health("ready"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("stream-recorder-publishes"), ready.body());
    }

    @Test
    @Order(2)
    void aBrowserPublishesOverHttpsIntoTheContainerAndTheRecordingIsUploaded() throws Exception {
        String name = "container-" + System.nanoTime();
        String fileName;
        try (Browser browser = new Browser(ACCEPTS_TEST_CERTIFICATE)) {
            startPublishing(browser, name);
            Publishing.keepFor(Duration.ofSeconds(3));
            browser.element("stopButton").click();
            browser.awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
            fileName = Browser.fileNameOf(browser.downloadUrl());
        }
        Path file = RecordsDir.awaitFinished(RECORDS, name, Duration.ofSeconds(30));
        assertEquals(fileName, file.getFileName().toString());
        assertPlayable(file, 2, 6);
        assertUploaded(name, file);
    }

    @Test
    @Order(3)
    void podmanStopMidRecordingFinishesTheFileWithinTheStopTimeoutAndItIsUploaded() throws Exception {
        String name = "container-stop-" + System.nanoTime();
        Duration stop;
        try (Browser browser = new Browser(ACCEPTS_TEST_CERTIFICATE)) {
            startPublishing(browser, name);
            Publishing.keepFor(Duration.ofSeconds(4));
            stop = container.stop();
        }
        // The image drains with a timeout of 0: the recording is finished at once, well before podman's 10 s.
        int exitCode = container.exitCode();
        assertNotEquals(137, exitCode, "podman had to kill the server (stop took " + stop.toMillis() + " ms):\n" + container.logs());
        assertEquals(0, exitCode, container.logs());
        assertTrue(stop.compareTo(Duration.ofSeconds(10)) < 0, "stopped in " + stop.toMillis() + " ms");
        Files.writeString(WORK.resolve("figures.txt"), "podman stop mid-recording " + stop.toMillis() + " ms\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path file = RecordsDir.awaitFinished(RECORDS, name, Duration.ofSeconds(5));
        assertPlayable(file, 3, 7);
        // Its upload ran before the server stopped, or stopped at a checkpoint and goes on at the next start.
        container.restart();
        awaitReady();
        assertUploaded(name, file);
    }

    private static void startPublishing(Browser browser, String name) throws Exception {
        browser.openRecordingPage(PAGE);
        assertTrue(browser.element("url").getAttribute("value").startsWith("wss://127.0.0.1:" + HTTPS_PORT + "/"),
                "the page signals over wss: " + browser.element("url").getAttribute("value"));
        browser.setStreamName(name);
        browser.setToken(mintToken(name));
        browser.element("startButton").click();
        browser.awaitStatus("PUBLISHING", Duration.ofSeconds(20));
    }

    private static void assertPlayable(Path file, double minSeconds, double maxSeconds) throws Exception {
        MediaProbe probe = MediaProbe.of(file);
        assertEquals("h264", probe.stream("video").orElseThrow().codecName(), probe.toString());
        assertEquals("aac", probe.stream("audio").orElseThrow().codecName(), probe.toString());
        assertTrue(probe.durationSeconds() > minSeconds && probe.durationSeconds() < maxSeconds, probe.toString());
        assertEquals("", probe.decodeErrors());
        assertTrue(MediaProbe.indexBeforeMedia(file), "a finished, faststart file");
    }

    /** In the bucket under the default key, the same size as the file, and noted beside the file. */
    private static void assertUploaded(String name, Path file) throws Exception {
        Path sidecar = file.resolveSibling(file.getFileName() + ".upload.json");
        RecordsDir.awaitFile(sidecar, Duration.ofSeconds(60));
        HeadObjectResponse object = S3ProxyProcess.shared().client()
                .headObject(b -> b.bucket(S3ProxyProcess.bucket()).key(name + "/" + file.getFileName()));
        assertEquals(Files.size(file), object.contentLength());
    }

    private static String mintToken(String name) throws Exception {
        HttpResponse<String> minted = https.send(Operator.admin().request(PAGE, "api/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("streamName", name).build().toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, minted.statusCode(), "the operator STREAMRECORDER_ADMIN_USER made mints a token: " + minted.body());
        return Json.createReader(new StringReader(minted.body())).readObject().getString("token");
    }

    private static void awaitReady() throws InterruptedException {
        Await.until("the container's /health/ready to be UP", Duration.ofSeconds(180), Duration.ofMillis(250),
                () -> HTTP.send(health("ready"), HttpResponse.BodyHandlers.ofString()).statusCode(), status -> status == 200);
    }

    private static HttpRequest health(String which) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/health/" + which))
                .timeout(Duration.ofSeconds(5)).build();
    }

    /** bin/image on the pristine server copy, as the test's image; the base image is reused when present. */
    private static Duration buildImage() throws IOException, InterruptedException {
        Path server = Path.of("target", "image-server").toAbsolutePath();
        assertTrue(Files.isRegularFile(server.resolve("jboss-modules.jar")), server + " is made by the build (pre-integration-test)");
        Path log = WORK.resolve("image-build.log");
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("bin/image", "--server", server.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("IMAGE", IMAGE);
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "bin/image failed:\n" + output);
        assertTrue(output.strip().endsWith(IMAGE), "bin/image prints the image's name last:\n" + output);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static List<String> options() {
        String keystore = System.getProperty("tls.keystore");
        return List.of(
                // Its own network namespace; 10.0.2.2 is the host's loopback, where this lane's S3Proxy listens.
                "--network", "slirp4netns:allow_host_loopback=true",
                "--publish", "127.0.0.1:" + HTTPS_PORT + ":8443",
                "--publish", "127.0.0.1:" + MANAGEMENT_PORT + ":9990",
                "--publish", "127.0.0.1:" + MEDIA_PORT_MIN + "-" + MEDIA_PORT_MAX + ":" + MEDIA_PORT_MIN + "-" + MEDIA_PORT_MAX + "/udp",
                "--volume", RECORDS + ":/var/lib/stream-recorder/recordings",
                "--volume", WORK.resolve("data") + ":/var/lib/stream-recorder/data",
                "--volume", keystore + ":/etc/stream-recorder/tls.p12:ro",
                "--env", "STREAMRECORDER_TLS_KEYSTORE=/etc/stream-recorder/tls.p12",
                "--env", "STREAMRECORDER_ICE_PORT_MIN=" + MEDIA_PORT_MIN,
                "--env", "STREAMRECORDER_ICE_PORT_MAX=" + MEDIA_PORT_MAX,
                // The container sees its own address only: announce the one the browser reaches, as behind any 1:1 NAT.
                "--env", "STREAMRECORDER_ICE_PUBLIC_ADDRESSES=127.0.0.1",
                "--env", "STREAMRECORDER_S3_ENDPOINT=http://10.0.2.2:" + System.getProperty("s3.port"),
                "--env", "STREAMRECORDER_S3_BUCKET=" + S3ProxyProcess.bucket(),
                "--env", "STREAMRECORDER_ADMIN_USER=" + System.getProperty("admin.user"));
    }

    private static Map<String, String> secrets() {
        return Map.of(
                "AWS_ACCESS_KEY_ID", System.getProperty("s3.identity"),
                "AWS_SECRET_ACCESS_KEY", System.getProperty("s3.credential"),
                "STREAMRECORDER_TLS_KEYSTORE_PASSWORD", System.getProperty("tls.password"),
                "STREAMRECORDER_SECURITY_SECRET", System.getProperty("signing.secret"),
                "STREAMRECORDER_ADMIN_PASSWORD", System.getProperty("admin.password"));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) old.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }
}
