package io.streamrecorder.health;

import io.streamrecorder.media.WebRtcPlatform;
import io.streamrecorder.recording.RecordingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Whether this node can still record: DOWN when WebRTC cannot make peer connections, or when a
 * recording's encoder is stuck (its queue full and nothing taken for {@link #STUCK_AFTER}), each
 * saying why. An orchestrator restarts a node that stays DOWN; crash recovery keeps what it wrote.
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    /** Far longer than any encode: the slowest frame seen takes milliseconds. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private WebRtcPlatform webRtc;
    private RecordingService recordings;

    protected NodeLiveness() {
        // for CDI proxies
    }

    @Inject
    public NodeLiveness(WebRtcPlatform webRtc, RecordingService recordings) {
        this.webRtc = webRtc;
        this.recordings = recordings;
    }

    /** Creates the recordings' bean while the application starts, for the reason {@link NodeReadiness} gives. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        recordings.active();
    }

    @Override
    public HealthCheckResponse call() {
        List<String> reasons = new ArrayList<>();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stream-recorder-recording");
        try {
            if (!webRtc.isRunning()) {
                reasons.add("WebRTC has shut down");
            }
        } catch (RuntimeException | LinkageError e) {
            reasons.add("WebRTC did not start: " + e);
        }
        List<String> stuck = recordings.stalled(STUCK_AFTER);
        response.withData("recordings", recordings.active().size());
        if (!stuck.isEmpty()) {
            response.withData("stuckEncoders", String.join(",", stuck));
            reasons.add("encoder stuck for " + STUCK_AFTER.toSeconds() + " s with a full queue: " + String.join(", ", stuck));
        }
        if (!reasons.isEmpty()) {
            response.withData("reason", String.join("; ", reasons));
        }
        return response.status(reasons.isEmpty()).build();
    }
}
