package io.streamrecorder.publishing;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.recording.RecordingService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes the node out of service without cutting a recording: new publishes are refused (a front door
 * sends them to another node), live streams go on until their publishers stop them or the drain
 * timeout stops them, and the drain is over once every recording is finished and handed to upload.
 * The server's suspend starts it (see the {@code suspension} package); resuming the server ends it.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());
    private static final long CHECK_MILLIS = 250;
    /** What stopped streams get to finish their files before the drain gives up waiting for them. */
    private static final Duration FINISH_GRACE = Duration.ofMinutes(2);

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService timers;

    private RecorderConfig config;
    private StreamRegistry registry;
    private RecordingService recordings;
    private Event<NodeDrained> drained;
    private Run current;

    protected Drain() {
        // for CDI proxies
    }

    @Inject
    public Drain(RecorderConfig config, StreamRegistry registry, RecordingService recordings, Event<NodeDrained> drained) {
        this.config = config;
        this.registry = registry;
        this.recordings = recordings;
        this.drained = drained;
    }

    /**
     * Starts draining and returns when it will be over; while it runs, a second call changes nothing
     * and returns the same stage. Cancelling the stage ends the drain like {@link #resume()}.
     */
    public synchronized CompletionStage<Void> start() {
        if (current != null) {
            return current.done;
        }
        Duration timeout = config.drainTimeout();
        Instant now = Instant.now();
        Run run = new Run(now, now.plus(timeout));
        registry.refuseNewPublishes(true);
        current = run;
        LOG.info(() -> String.format("Draining: no new publishes; %d live streams go on for up to %d s",
                registry.live().size(), timeout.toSeconds()));
        run.done.whenComplete((ignored, failure) -> {
            if (run.done.isCancelled()) {
                resume();
            }
        });
        run.check = timers.scheduleWithFixedDelay(() -> {
            // A task that throws is never run again, and the suspend would wait for good.
            try {
                check(run);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Drain check failed; trying again", e);
            }
        }, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return run.done;
    }

    /** Takes publishes again; a drain still waiting for live streams stops waiting. */
    public synchronized void resume() {
        Run run = current;
        current = null;
        registry.refuseNewPublishes(false);
        if (run != null) {
            run.check.cancel(false);
            run.done.complete(null);
            LOG.info("Drain ended: taking publishes again");
        }
    }

    /** When the drain began, while the node drains. */
    public synchronized Optional<Instant> since() {
        return Optional.ofNullable(current).map(run -> run.started);
    }

    private synchronized void check(Run run) {
        if (current != run) {
            return;
        }
        Instant now = Instant.now();
        int live = registry.live().size();
        if (live == 0 && recordings.active().isEmpty()) {
            run.check.cancel(false);
            LOG.info(() -> String.format("Drained in %d ms: no live streams, every recording finished",
                    Duration.between(run.started, now).toMillis()));
            finish(run);
            return;
        }
        if (!run.stopping && !now.isBefore(run.deadline)) {
            run.stopping = true;
            LOG.info(() -> String.format("Drain timeout: stopping the %d streams still live", live));
            registry.live().forEach(stream -> registry.stop(stream.name()));
        }
        if (run.stopping && now.isAfter(run.deadline.plus(FINISH_GRACE))) {
            run.check.cancel(false);
            LOG.warning(() -> String.format("Drain ends with %d recordings not finished within %d s of their stop",
                    recordings.active().size(), FINISH_GRACE.toSeconds()));
            finish(run);
        }
    }

    private void finish(Run run) {
        try {
            drained.fire(new NodeDrained());
        } finally {
            run.done.complete(null);
        }
    }

    /** The longest a drain lasts: its timeout, then the time stopped streams get to finish their files. */
    public Duration longest() {
        return config.drainTimeout().plus(FINISH_GRACE);
    }

    private static final class Run {
        final Instant started;
        final Instant deadline;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> check;
        boolean stopping;

        Run(Instant started, Instant deadline) {
            this.started = started;
            this.deadline = deadline;
        }
    }
}
