package io.streamrecorder.health;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.publishing.Drain;
import io.streamrecorder.publishing.StreamRegistry;
import io.streamrecorder.records.RecordsDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this node can take another publish: DOWN at its publish limit, below the free space a
 * recording needs, or while it drains, each saying why. A front door routes new publishes by it.
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    private static final long MIB = 1024L * 1024;

    private RecorderConfig config;
    private StreamRegistry registry;
    private Drain drain;
    private RecordsDirectory records;

    protected NodeReadiness() {
        // for CDI proxies
    }

    @Inject
    public NodeReadiness(RecorderConfig config, StreamRegistry registry, Drain drain, RecordsDirectory records) {
        this.config = config;
        this.registry = registry;
        this.drain = drain;
        this.records = records;
    }

    /**
     * Creates, while the application starts, the beans this check reads: checks run on the management
     * interface's threads, where the application's java:comp is not bound, and a bean first created
     * there cannot have its executors injected.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.live();
        drain.since();
    }

    @Override
    public HealthCheckResponse call() {
        List<String> reasons = new ArrayList<>();
        int live = registry.live().size();
        int limit = config.maxPublishes();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stream-recorder-publishes")
                .withData("node", config.nodeName()).withData("live", live).withData("limit", limit);
        if (live >= limit) {
            reasons.add("at its limit of " + limit + " streams");
        }
        try {
            long free = records.usableBytes();
            response.withData("freeMiB", free / MIB).withData("minFreeMiB", records.minFreeBytes() / MIB);
            if (free < records.minFreeBytes()) {
                reasons.add("records directory below min-free-mib");
            }
        } catch (IOException e) {
            reasons.add("records directory unreadable: " + e.getMessage());
        }
        drain.since().ifPresent(since -> {
            response.withData("drainingSince", since.toString());
            reasons.add("draining");
        });
        if (!reasons.isEmpty()) {
            response.withData("reason", String.join("; ", reasons));
        }
        return response.status(reasons.isEmpty()).build();
    }
}
