package io.streamrecorder.signalling;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.publishing.StreamRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps quiet sockets open and closes idle ones. The server (and any proxy in front) closes a socket
 * that reads nothing for its read timeout, and a publishing browser has nothing to say once ICE is
 * done: it is pinged. A socket that publishes nothing and says nothing for the idle limit only holds
 * a connection: it is closed.
 */
@ApplicationScoped
public class Keepalives {

    private final Map<Outbox, ScheduledFuture<?>> pings = new ConcurrentHashMap<>();

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService timers;

    private RecorderConfig config;
    private StreamRegistry registry;

    protected Keepalives() {
        // for CDI proxies
    }

    @Inject
    public Keepalives(RecorderConfig config, StreamRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void opened(Outbox socket, BrowserPublisher browser) {
        Duration idle = config.signallingIdleTimeout();
        long period = Math.min(config.signallingKeepalive().toMillis(), Math.max(idle.toMillis() / 3, 100));
        pings.put(socket, timers.scheduleAtFixedRate(() -> {
            if (socket.silence().compareTo(idle) >= 0 && !registry.publishes(browser)) {
                socket.close("Idle for " + idle.toSeconds() + " s without publishing");
            } else {
                socket.ping();
            }
        }, period, period, TimeUnit.MILLISECONDS));
    }

    void closed(Outbox socket) {
        ScheduledFuture<?> ping = pings.remove(socket);
        if (ping != null) {
            ping.cancel(false);
        }
    }

    @PreDestroy
    void shutdown() {
        pings.values().forEach(ping -> ping.cancel(false));
    }
}
