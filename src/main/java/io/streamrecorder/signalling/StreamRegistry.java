package io.streamrecorder.signalling;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.media.OfferedTracks;
import io.streamrecorder.media.WebRtcIngest;
import io.streamrecorder.media.WebRtcPlatform;
import io.streamrecorder.recording.InvalidStreamNameException;
import io.streamrecorder.recording.RecordingService;
import io.streamrecorder.recording.StreamNamePolicy;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every stream being published, by name, and what each browser message does to it. Names are
 * unique while a stream publishes; each stream belongs to the socket that published it.
 */
@ApplicationScoped
public class StreamRegistry {

    private static final Logger LOG = Logger.getLogger(StreamRegistry.class.getName());

    private static final long KEEPALIVE_SECONDS = 30;
    /** Often enough to follow the audio jitter buffer's wander (ReceiveDelays). */
    private static final long STATS_MILLIS = 500;

    private final Map<String, PublishedStream> streams = new ConcurrentHashMap<>();
    private final Map<Outbox, ScheduledFuture<?>> keepalives = new ConcurrentHashMap<>();
    private final Map<PublishedStream, ScheduledFuture<?>> statsPolls = new ConcurrentHashMap<>();

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService teardown;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService timers;

    private RecorderConfig config;
    private WebRtcPlatform webRtc;
    private RecordingService recordings;
    private UploadNotices uploads;

    protected StreamRegistry() {
        // for CDI proxies
    }

    @Inject
    public StreamRegistry(RecorderConfig config, WebRtcPlatform webRtc, RecordingService recordings,
            UploadNotices uploads) {
        this.config = config;
        this.webRtc = webRtc;
        this.recordings = recordings;
        this.uploads = uploads;
    }

    /**
     * A browser connected. WildFly closes sockets that read nothing for 90 s (its listeners'
     * read timeout), and a publishing browser has nothing to say once ICE is done: ping it.
     */
    void socketOpened(Outbox browser) {
        keepalives.put(browser, timers.scheduleAtFixedRate(browser::ping, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS,
                TimeUnit.SECONDS));
    }

    void handle(Outbox browser, ClientMessage message) {
        if (message instanceof ClientMessage.Publish publish) {
            publish(browser, publish);
        } else if (message instanceof ClientMessage.Ice ice) {
            ownedBy(browser, ice.streamName()).ingest()
                    .addRemoteCandidate(ice.candidate(), ice.sdpMid(), ice.sdpMLineIndex());
        } else if (message instanceof ClientMessage.Stop stop) {
            ownedBy(browser, stop.streamName()).stop();
        }
    }

    /** The browser's socket closed: its streams end and their recordings are finalised. */
    void socketClosed(Outbox browser) {
        ScheduledFuture<?> keepalive = keepalives.remove(browser);
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        uploads.forget(browser);
        List<PublishedStream> owned = streams.values().stream().filter(s -> s.browser() == browser).toList();
        owned.forEach(stream -> {
            LOG.info(() -> "Stream " + stream.name() + ": the browser went away; finalising");
            stream.abandon();
        });
    }

    /** Every stream being published now, by name. */
    public List<LiveStream> live() {
        return streams.values().stream().map(PublishedStream::view)
                .sorted(Comparator.comparing(LiveStream::name)).toList();
    }

    /** An operator stops a stream: its browser gets UNPUBLISHED and the recording is finalised. */
    public boolean stop(String name) {
        PublishedStream stream = streams.get(name);
        if (stream == null) {
            return false;
        }
        LOG.info(() -> "Stream " + name + " is stopped by an operator");
        stream.stop();
        return true;
    }

    @PreDestroy
    void shutdown() {
        keepalives.values().forEach(keepalive -> keepalive.cancel(false));
        statsPolls.values().forEach(poll -> poll.cancel(false));
        streams.values().forEach(PublishedStream::abandon);
    }

    private void publish(Outbox browser, ClientMessage.Publish publish) {
        String name = publish.streamName();
        try {
            StreamNamePolicy.validate(name);
        } catch (InvalidStreamNameException e) {
            browser.send(ServerMessage.Status.failed(name, e.getMessage()));
            return;
        }
        OfferedTracks tracks = OfferedTracks.of(publish.sdp());
        if (!tracks.any()) {
            browser.send(ServerMessage.Status.failed(name, "The offer sends neither audio nor video"));
            return;
        }
        PublishedStream stream = new PublishedStream(name, browser, teardown, ended -> {
            streams.remove(ended.name(), ended);
            cancelStatsPoll(ended);
        });
        if (streams.putIfAbsent(name, stream) != null) {
            browser.send(ServerMessage.Status.failed(name, "Stream name '" + name + "' is in use; choose another name"));
            return;
        }
        try {
            if (publish.record()) {
                stream.record(recordings.start(name, browser.sessionId(), tracks.video(), tracks.audio(),
                        record -> uploads.watch(record.fileName(), name, browser)));
            }
            WebRtcIngest ingest = WebRtcIngest.answer(webRtc, name, publish.sdp(), stream.input(), stream);
            stream.attach(ingest);
            statsPolls.put(stream, timers.scheduleAtFixedRate(ingest::pollStats, STATS_MILLIS, STATS_MILLIS,
                    TimeUnit.MILLISECONDS));
            if (stream.hasEnded()) {
                // It ended before its poll was registered: nobody else will cancel it.
                cancelStatsPoll(stream);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Stream " + name + " could not start", e);
            stream.fail("The server could not start the stream: " + e.getMessage());
            return;
        }
        timers.schedule(() -> {
            if (!stream.isPublishing()) {
                stream.fail("No media connection within " + config.connectTimeout().toSeconds()
                        + " s; check that UDP can reach the server");
            }
        }, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelStatsPoll(PublishedStream stream) {
        ScheduledFuture<?> poll = statsPolls.remove(stream);
        if (poll != null) {
            poll.cancel(false);
        }
    }

    private PublishedStream ownedBy(Outbox browser, String name) {
        PublishedStream stream = streams.get(name);
        if (stream == null || stream.browser() != browser || stream.ingest() == null) {
            throw new UnknownStreamException(name);
        }
        return stream;
    }
}
