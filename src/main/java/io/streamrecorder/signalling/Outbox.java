package io.streamrecorder.signalling;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends messages to one browser in order, one at a time, without blocking the caller: messages come
 * from WebSocket, webrtc and encoder threads, and a WebSocket allows only one send in flight.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Session socket;
    private final String contextPath;
    private final String sessionId = HexFormat.of().formatHex(randomBytes());
    private final Queue<String> pending = new ArrayDeque<>();
    private boolean sending;

    Outbox(Session socket, String contextPath) {
        this.socket = socket;
        this.contextPath = contextPath;
    }

    /** The web application's context path, for links the browser follows (downloads). */
    String contextPath() {
        return contextPath;
    }

    /** Names this browser's connection in recordings' file names ({@code {sessionId}}). */
    String sessionId() {
        return sessionId;
    }

    void send(ServerMessage message) {
        String text = message.toJson().toString();
        synchronized (pending) {
            if (sending) {
                pending.add(text);
                return;
            }
            sending = true;
        }
        transmit(text);
    }

    /** Browsers answer pings with pongs, which keeps an otherwise quiet socket alive. */
    void ping() {
        if (socket.isOpen()) {
            try {
                socket.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Socket " + socket.getId() + ": ping not sent", e);
            }
        }
    }

    private void transmit(String text) {
        if (!socket.isOpen()) {
            synchronized (pending) {
                pending.clear();
                sending = false;
            }
            return;
        }
        socket.getAsyncRemote().sendText(text, result -> {
            if (!result.isOK()) {
                LOG.log(Level.FINE, "Socket " + socket.getId() + ": a message was not delivered", result.getException());
            }
            String next;
            synchronized (pending) {
                next = pending.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
            }
            transmit(next);
        });
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
