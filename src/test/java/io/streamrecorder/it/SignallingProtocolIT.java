package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Talks to the signalling endpoint the way a careless or hostile client would. */
class SignallingProtocolIT {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private WebSocket socket;

    @BeforeEach
    void connect() throws Exception {
        URI uri = URI.create(Browser.serverUrl().replaceFirst("^http", "ws") + "signalling");
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        socket.abort();
    }

    @Test
    void answersMalformedJsonWithAnErrorAndStaysOpen() throws Exception {
        assertError("{not json", "Message is not valid JSON");
        assertError("{\"type\":\"teleport\",\"streamName\":\"x\"}", "Unknown message type 'teleport'");
        assertError("{\"type\":\"publish\",\"streamName\":\"x\"}", "Field 'sdp' is missing");
        assertError("{\"type\":\"stop\",\"streamName\":\"nobody\"}", "No stream named 'nobody' is publishing on this connection");
        assertTrue(!socket.isInputClosed(), "the socket stays usable");
    }

    @Test
    void refusesPublishWithHostileNameAsFailedStatus() throws Exception {
        socket.sendText("{\"type\":\"publish\",\"streamName\":\"../../etc/passwd\",\"sdp\":\"v=0\\r\\nm=video 9 UDP 96\\r\\n\"}", true)
                .get(5, TimeUnit.SECONDS);
        JsonObject reply = next();
        assertEquals("status", reply.getString("type"));
        assertEquals("FAILED", reply.getString("status"));
        assertEquals("../../etc/passwd", reply.getString("streamName"));
        assertEquals("Stream name must not contain '/' or '\\'", reply.getString("reason"));
    }

    @Test
    void keepsAQuietSocketOpenPastTheServersReadTimeout() throws Exception {
        // WildFly's listeners close sockets that read nothing for 90 s; a publishing page is quiet.
        Thread.sleep(100_000);
        assertError("{\"type\":\"stop\",\"streamName\":\"late\"}", "No stream named 'late' is publishing on this connection");
    }

    private void assertError(String message, String reason) throws Exception {
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
        JsonObject reply = next();
        assertEquals("error", reply.getString("type"), reply.toString());
        assertEquals(reason, reply.getString("reason"));
    }

    private JsonObject next() throws Exception {
        String text = received.poll(10, TimeUnit.SECONDS);
        assertTrue(text != null, "the server replied");
        return Json.createReader(new StringReader(text)).readObject();
    }
}
