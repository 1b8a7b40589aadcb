package io.streamrecorder.signalling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends messages to one browser in order, one at a time, without blocking the caller: messages come
 * from WebSocket, webrtc and encoder threads, and a WebSocket allows only one send in flight.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Session socket;
    private final Queue<String> pending = new ArrayDeque<>();
    private boolean sending;
    private volatile long lastHeardNanos = System.nanoTime();

    Outbox(Session socket) {
        this.socket = socket;
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

    /** The browser sent a message. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** How long since the browser last sent a message (or connected). */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    /** Closes the socket, telling the browser why. */
    void close(String reason) {
        try {
            socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> String.format("Socket %s: close failed", socket.getId()));
        }
    }

    /** Browsers answer pings with pongs, which keeps an otherwise quiet socket alive. */
    void ping() {
        if (socket.isOpen()) {
            try {
                socket.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, e, () -> String.format("Socket %s: ping not sent", socket.getId()));
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
                LOG.log(Level.FINE, result.getException(),
                        () -> String.format("Socket %s: a message was not delivered", socket.getId()));
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
}
