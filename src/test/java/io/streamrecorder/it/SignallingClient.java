package io.streamrecorder.it;

import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw signalling socket, as a script rather than the page would use it. */
final class SignallingClient implements AutoCloseable {

    /** What came back: a text message, or the close of the socket. */
    sealed interface Reply {
    }

    record Message(JsonObject json) implements Reply {
    }

    record Closed(int code, String reason) implements Reply {
    }

    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    SignallingClient() throws Exception {
        this(Map.of());
    }

    /** A socket whose handshake carries {@code headers} as well, as a proxy's would. */
    SignallingClient(Map<String, String> headers) throws Exception {
        URI uri = URI.create(Browser.serverUrl().replaceFirst("^http", "ws") + "signalling");
        WebSocket.Builder builder = PlainHttp.client().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            replies.add(new Message(Json.createReader(new StringReader(text.toString())).readObject()));
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        replies.add(new Closed(statusCode, reason));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        replies.add(new Closed(-1, String.valueOf(error)));
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    void sendBinary(java.nio.ByteBuffer bytes) throws Exception {
        socket.sendBinary(bytes, true).get(5, TimeUnit.SECONDS);
    }

    /** The next reply, or null when none came within the timeout. */
    Reply next(Duration timeout) throws InterruptedException {
        return replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
