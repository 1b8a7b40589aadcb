package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A hostile client: 10,000 malformed, oversized and out-of-order signalling messages and WHIP
 * requests. The server answers none with a 5xx, its threads and memory come back, and a publish
 * made afterwards records normally.
 */
class FuzzIT {

    private static final Logger LOG = Logger.getLogger(FuzzIT.class.getName());
    private static final int SIGNALLING_MESSAGES = 6_000;
    private static final int WHIP_REQUESTS = 4_000;
    /** Measured after full collections: what is left is native memory and code, where a leak would show. */
    private static final long RSS_TOLERANCE_KIB = 32 * 1024;
    private static final int THREAD_TOLERANCE = 10;
    private static final String[] WORDS = {"publish", "ice", "stop", "type", "streamName", "sdp", "candidate", "token",
        "record", "v=0", "m=video", "a=rtpmap:96 VP8/90000", "\u0000", "\uD800", "名前", "\u202E", "😀", "..", "/",
        "%00", "null", "true", "1e308", "-99999999999999999999", "{", "}", "[", "]", "\"", "\\", ":", ","};

    private final Random random = new Random(20261129);
    private final HttpClient http = PlainHttp.client();

    @Test
    void survivesTenThousandHostileMessagesAndStillRecords() throws Exception {
        long pid = WildFlyProcess.primary().pid();
        // A first tenth warms the server up (compiled code, class metadata, pools), which is no leak.
        fuzzSignalling(0, SIGNALLING_MESSAGES / 10);
        fuzzWhip(0, WHIP_REQUESTS / 10);
        ProcessStatus before = ProcessStatus.afterGc(pid);

        int closes = fuzzSignalling(SIGNALLING_MESSAGES / 10, SIGNALLING_MESSAGES);
        Map<Integer, Integer> statuses = fuzzWhip(WHIP_REQUESTS / 10, WHIP_REQUESTS);
        LOG.info(() -> "Fuzz: " + SIGNALLING_MESSAGES + " signalling messages (" + closes + " sockets closed by the server after "
                + "the warm-up), " + WHIP_REQUESTS + " WHIP requests; after the warm-up answered " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(status -> status < 500), "no 5xx: " + statuses);

        ProcessStatus after = awaitThreadsAndMemoryBack(pid, before);
        LOG.info(() -> "Server after the warm-up: " + before + ", after the fuzz: " + after);
        assertEquals(List.of(), RecordsDir.filesOf("fuzz"), "no publish of the fuzz left a file");

        String name = "after-fuzz-" + System.nanoTime();
        try (WhipClient client = WhipClient.publish(name, Tokens.mint(name))) {
            Await.until("the WHIP client to connect after the fuzz", Duration.ofSeconds(20), client::connectionState,
                    "connected"::equals);
            Publishing.keepFor(Duration.ofSeconds(6));
            assertEquals("connected", client.connectionState(), "still connected after 6 s of publishing");
            client.stop();
        }
        Path recording = RecordsDir.awaitFinished(name, Duration.ofSeconds(30));
        MediaProbe probe = MediaProbe.of(recording);
        assertEquals("", probe.decodeErrors());
        assertTrue(probe.durationSeconds() > 2, "a recording after the fuzz: " + probe);
    }

    /** Sends the messages over as few sockets as the server lets live; returns how many it closed. */
    private int fuzzSignalling(int from, int to) throws Exception {
        int closes = 0;
        SignallingClient socket = new SignallingClient();
        for (int i = from; i < to; i++) {
            try {
                if (i % 1000 == 999) {
                    socket.sendBinary(ByteBuffer.wrap(randomBytes(64)));
                } else {
                    socket.send(signallingMessage(i));
                }
            } catch (Exception closedByServer) {
                closes++;
                socket.close();
                socket = new SignallingClient();
            }
        }
        socket.close();
        return closes;
    }

    private String signallingMessage(int i) {
        String name = "fuzz-" + i;
        return switch (i % 12) {
            case 0 -> new String(randomBytes(1 + random.nextInt(300)), StandardCharsets.ISO_8859_1);
            case 1 -> {
                String whole = "{\"type\":\"publish\",\"streamName\":\"" + name + "\",\"sdp\":\"v=0\\r\\nm=video 9 UDP 96\\r\\n\"}";
                yield whole.substring(0, random.nextInt(whole.length()));
            }
            case 2 -> "{\"type\":" + random.nextInt() + ",\"streamName\":[1,2],\"sdp\":{\"a\":null}}";
            case 3 -> "{\"type\":\"ice\",\"streamName\":\"" + name + "\",\"candidate\":\"candidate:1\",\"sdpMLineIndex\":"
                    + List.of("1e308", "-99999999999999999999", "1.5", "\"0\"", "null", "[]").get(random.nextInt(6)) + "}";
            case 4 -> "{\"type\":\"publish\",\"streamName\":\"" + words(3) + "\",\"sdp\":\"" + words(10) + "\"}";
            case 5 -> "{\"type\":\"stop\",\"streamName\":\"" + name + "\"}";
            case 6 -> "{\"type\":\"ice\",\"streamName\":\"" + name + "\",\"candidate\":\"" + words(8) + "\"}";
            case 7 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 8 -> i % 600 == 8 ? "{\"type\":\"publish\",\"streamName\":\"x\",\"sdp\":\"" + "a".repeat(70_000) + "\"}"
                    : "{\"type\":\"publish\",\"streamName\":\"" + name + "\",\"sdp\":\"" + "a".repeat(40_000) + "\"}";
            case 9 -> {
                // Every 60th with a genuine token, so the offer reaches webrtc, which must refuse it.
                String token = i % 60 == 9 ? Tokens.mint(name) : name + ".99999999999.forged";
                yield "{\"type\":\"publish\",\"streamName\":\"" + name + "\",\"token\":\"" + token + "\","
                        + "\"sdp\":\"v=0\\r\\nm=video 9 UDP/TLS/RTP/SAVPF 96\\r\\na=mid:0\\r\\na=rtpmap:96 VP8/90000\\r\\n\"}";
            }
            case 10 -> "{\"type\":\"publish\",\"streamName\":\"" + name + "\",\"record\":\"yes\",\"sdp\":\"v=0\"}";
            default -> words(1 + random.nextInt(20));
        };
    }

    /** Every answer's status, counted. */
    private Map<Integer, Integer> fuzzWhip(int from, int to) throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = from; i < to; i++) {
            HttpResponse<Void> response = http.send(whipRequest(i), HttpResponse.BodyHandlers.discarding());
            statuses.merge(response.statusCode(), 1, Integer::sum);
        }
        return statuses;
    }

    private HttpRequest whipRequest(int i) {
        int scenario = random.nextInt(10);
        String name = switch (random.nextInt(4)) {
            case 0 -> "fuzz-" + i;
            case 1 -> URLEncoder.encode(words(2), StandardCharsets.UTF_8);
            case 2 -> "fuzz-" + i + "/" + Long.toHexString(random.nextLong());
            default -> "a".repeat(1 + random.nextInt(3_000));
        };
        String method = switch (scenario) {
            case 0, 1, 2, 3, 4 -> "POST";
            case 5, 6 -> "PATCH";
            case 7 -> "DELETE";
            default -> List.of("OPTIONS", "GET", "PUT", "HEAD", "TRACE").get(random.nextInt(5));
        };
        String type = scenario < 4 ? "application/sdp" : scenario < 7 && random.nextBoolean() ? "application/trickle-ice-sdpfrag"
                : List.of("text/plain", "application/sdp; charset=x", "", "*/*").get(random.nextInt(4));
        String token = null;
        if (scenario == 0 && i % 20 == 0) {
            // Deep: a genuine token, so the offer reaches webrtc, which must refuse it.
            name = "fuzz-deep-" + i;
            token = Tokens.mint(name);
        } else if (random.nextBoolean()) {
            token = "fuzz-" + i + "." + random.nextInt() + "." + Long.toHexString(random.nextLong());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Browser.serverUrl() + "whip/" + name))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofString(whipBody()));
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (random.nextInt(4) == 0) {
            request.header("If-Match", "\"" + Long.toHexString(random.nextLong()) + "\"");
        }
        return request.build();
    }

    private String whipBody() {
        return switch (random.nextInt(6)) {
            case 0 -> "v=0\r\n" + words(30);
            case 1 -> new String(randomBytes(random.nextInt(2_000)), StandardCharsets.ISO_8859_1);
            case 2, 3 -> "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:" + words(1)
                    + "\r\na=sendonly\r\na=rtpmap:96 VP8/90000\r\na=ice-ufrag:" + words(1) + "\r\na=candidate:" + words(5) + "\r\n"
                    + (random.nextBoolean() ? "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:1\r\na=rtpmap:111 opus/48000/2\r\n" : "");
            case 4 -> "a=ice-ufrag:x\r\nm=audio 9 RTP 0\r\na=mid:" + words(1) + "\r\na=candidate:" + words(6) + "\r\n";
            default -> "v=0\r\n" + "a=x\r\n".repeat(random.nextInt(10_000));
        };
    }

    private String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        // Valid inside a JSON string only by luck, as a fuzzer's would be.
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * The server's threads and memory once the sockets and peer connections of the fuzz are gone,
     * back within the tolerances of {@code before}. Each look runs a full collection: not too often.
     */
    private static ProcessStatus awaitThreadsAndMemoryBack(long pid, ProcessStatus before) throws InterruptedException {
        return Await.until("threads within " + THREAD_TOLERANCE + " and memory within " + RSS_TOLERANCE_KIB + " KiB of "
                + before, Duration.ofSeconds(60), Duration.ofSeconds(2), () -> ProcessStatus.afterGc(pid),
                now -> now.threads() <= before.threads() + THREAD_TOLERANCE
                        && now.rssKib() <= before.rssKib() + RSS_TOLERANCE_KIB);
    }
}
