package io.streamrecorder.publishing;

import io.streamrecorder.access.DownloadLinks;
import io.streamrecorder.access.InvalidPublishTokenException;
import io.streamrecorder.access.PublishTokens;
import io.streamrecorder.config.IceConfig;
import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.ice.IceServer;
import io.streamrecorder.ice.IceServers;
import io.streamrecorder.media.InvalidSdpException;
import io.streamrecorder.media.OfferedTracks;
import io.streamrecorder.media.WebRtcIngest;
import io.streamrecorder.media.WebRtcPlatform;
import io.streamrecorder.recording.RecordingService;
import io.streamrecorder.records.InvalidMetadataException;
import io.streamrecorder.records.InvalidStreamNameException;
import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.records.StreamNamePolicy;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every stream being published, by name, and what each publisher's request does to it. Names are
 * unique while a stream publishes; each stream belongs to the publisher (signalling socket or WHIP
 * session) that published it.
 */
@ApplicationScoped
public class StreamRegistry {

    private static final Logger LOG = Logger.getLogger(StreamRegistry.class.getName());

    /**
     * How often a stream is asked to poll its stats; it reads them less often after its first
     * seconds ({@code StatsCadence}).
     */
    private static final long STATS_MILLIS = WebRtcIngest.STATS_POLL_MILLIS;
    /** FAILED's reason for a publish a draining node refuses; the JS library retries on it. */
    private static final String DRAINING_REASON = "server draining";

    private final Map<String, PublishedStream> streams = new ConcurrentHashMap<>();
    private final Map<PublishedStream, ScheduledFuture<?>> statsPolls = new ConcurrentHashMap<>();
    /** Guarded by {@code streams}, so that no publish is claimed after the drain has counted what is live. */
    private boolean draining;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService teardown;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService timers;

    private RecorderConfig config;
    private IceConfig ice;
    private IceServers iceServers;
    private WebRtcPlatform webRtc;
    private RecordingService recordings;
    private UploadNotices uploads;
    private PublishTokens tokens;
    private DownloadLinks links;

    protected StreamRegistry() {
        // for CDI proxies
    }

    @Inject
    public StreamRegistry(RecorderConfig config, IceConfig ice, IceServers iceServers, WebRtcPlatform webRtc,
            RecordingService recordings, UploadNotices uploads, PublishTokens tokens, DownloadLinks links) {
        this.config = config;
        this.ice = ice;
        this.iceServers = iceServers;
        this.webRtc = webRtc;
        this.recordings = recordings;
        this.uploads = uploads;
        this.tokens = tokens;
        this.links = links;
    }

    /** A candidate from the publisher of {@code streamName}. */
    public void addCandidate(Publisher publisher, String streamName, IceCandidate candidate) throws InvalidCandidateException {
        try {
            ownedBy(publisher, streamName).ingest().addRemoteCandidate(candidate.candidate(), candidate.sdpMid(),
                    candidate.sdpMLineIndex());
        } catch (InvalidSdpException e) {
            throw new InvalidCandidateException(e.getMessage(), e);
        }
    }

    /** The publisher of {@code streamName} stops it; it hears UNPUBLISHED once the recording is final. */
    public void stop(Publisher publisher, String streamName) {
        ownedBy(publisher, streamName).stop();
    }

    /** The publisher of {@code streamName} pauses its recording; it hears PAUSED. */
    public void pause(Publisher publisher, String streamName) throws CannotPauseException {
        pause(ownedBy(publisher, streamName));
    }

    /** The publisher of {@code streamName} resumes its recording; it hears PUBLISHING. */
    public void resume(Publisher publisher, String streamName) throws CannotPauseException {
        ownedBy(publisher, streamName).resume();
    }

    /** An operator pauses a stream's recording, as its publisher would; false when there is no such stream. */
    public boolean pause(String name) throws CannotPauseException {
        PublishedStream stream = streams.get(name);
        if (stream != null) {
            pause(stream);
        }
        return stream != null;
    }

    /** An operator resumes a stream's recording; false when there is no such stream. */
    public boolean resume(String name) throws CannotPauseException {
        PublishedStream stream = streams.get(name);
        if (stream != null) {
            stream.resume();
        }
        return stream != null;
    }

    /** A publish left paused ends after {@code recording.max-pause-seconds}, as if stopped. */
    private void pause(PublishedStream stream) throws CannotPauseException {
        Instant since = stream.pause();
        Duration limit = config.maxPause();
        timers.schedule(() -> stream.stopIfPausedSince(since, limit), limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The publisher went away (its socket closed): its streams end and their recordings are finalised. */
    public void publisherGone(Publisher publisher) {
        uploads.forget(publisher);
        streams.values().stream().filter(s -> s.publisher() == publisher).toList().forEach(stream -> {
            LOG.info(() -> String.format("Stream %s: its publisher went away; finalising", stream.name()));
            stream.abandon();
        });
    }

    /** Whether {@code publisher} publishes any stream now. */
    public boolean publishes(Publisher publisher) {
        return streams.values().stream().anyMatch(s -> s.publisher() == publisher);
    }

    /** Every stream being published now, by name. */
    public List<LiveStream> live() {
        return streams.values().stream().map(PublishedStream::view)
                .sorted(Comparator.comparing(LiveStream::name)).toList();
    }

    /** An operator stops a stream: its publisher hears UNPUBLISHED and the recording is finalised. */
    public boolean stop(String name) {
        PublishedStream stream = streams.get(name);
        if (stream == null) {
            return false;
        }
        LOG.info(() -> String.format("Stream %s is stopped by an operator", name));
        stream.stop();
        return true;
    }

    /** While the node drains ({@link Drain}), new publishes are refused; the streams already live go on. */
    void refuseNewPublishes(boolean refuse) {
        synchronized (streams) {
            draining = refuse;
        }
    }

    @PreDestroy
    void shutdown() {
        statsPolls.values().forEach(poll -> poll.cancel(false));
        streams.values().forEach(PublishedStream::abandonNow);
    }

    /**
     * Starts publishing {@code publish} for {@code publisher}. A refusal is thrown with nothing left
     * claimed or running; what goes wrong once the stream runs reaches the publisher as FAILED.
     */
    public void publish(Publisher publisher, PublishRequest publish) throws PublishRefusedException {
        String name = publish.streamName();
        checkMayPublish(name, publish.token());
        RecordingMetadata metadata = metadataOf(publish);
        OfferedTracks tracks = OfferedTracks.of(publish.sdp(), webRtc.decodableCodecs());
        if (!tracks.any()) {
            throw new PublishRefusedException(PublishRefusedException.Kind.NO_USABLE_MEDIA,
                    "The offer sends neither audio nor video the server can record");
        }
        PublishedStream stream = new PublishedStream(name, publisher, publish.clientAddress(), teardown, links,
                new Registration());
        claim(stream);
        try {
            if (publish.record()) {
                stream.record(recordings.start(name, publisher.sessionId(), metadata, tracks.video(), tracks.audio(),
                        record -> {
                            if (publisher.followsUploads()) {
                                uploads.watch(record.fileName(), name, publisher);
                            }
                        }));
            }
            WebRtcIngest ingest = WebRtcIngest.answer(webRtc, name, publish.sdp(), stream.input(), stream);
            stream.attach(ingest);
            statsPolls.put(stream, timers.scheduleAtFixedRate(ingest::pollStats, STATS_MILLIS, STATS_MILLIS,
                    TimeUnit.MILLISECONDS));
            if (stream.hasEnded()) {
                // It ended before its poll was registered: nobody else will cancel it.
                cancelStatsPoll(stream);
            }
        } catch (InvalidSdpException e) {
            stream.abandon();
            throw new PublishRefusedException(PublishRefusedException.Kind.INVALID, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> String.format("Stream %s could not start", name));
            stream.abandon();
            throw new PublishRefusedException(PublishRefusedException.Kind.UNAVAILABLE,
                    "The server could not start the stream: " + e.getMessage());
        }
        Duration connectTimeout = ice.connectTimeout();
        timers.schedule(() -> {
            if (!stream.isPublishing()) {
                stream.fail("No media connection within " + connectTimeout.toSeconds() + " s: ICE found no path"
                        + " between you and the server (UDP blocked on the way, or a server behind NAT that"
                        + " announces no public address and has no STUN/TURN server)");
            }
        }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The STUN/TURN servers a publisher of {@code streamName} is to use, TURN credentials minted for
     * it: only for someone who may publish the stream, as the publish itself will be checked.
     */
    public List<IceServer> iceServers(String streamName, String token) throws PublishRefusedException {
        checkMayPublish(streamName, token);
        try {
            return iceServers.forPublisher(streamName);
        } catch (IllegalStateException misconfigured) {
            LOG.warning(() -> "The ICE servers for publishers are misconfigured: " + misconfigured.getMessage());
            throw new PublishRefusedException(PublishRefusedException.Kind.UNAVAILABLE,
                    "The server's STUN/TURN settings are not valid; tell its operator");
        }
    }

    private void checkMayPublish(String name, String token) throws PublishRefusedException {
        checkNotDraining();
        try {
            StreamNamePolicy.validate(name);
            tokens.check(name, token);
        } catch (InvalidStreamNameException e) {
            throw new PublishRefusedException(PublishRefusedException.Kind.INVALID, e.getMessage());
        } catch (InvalidPublishTokenException e) {
            throw new PublishRefusedException(e.forAnotherStream() ? PublishRefusedException.Kind.FORBIDDEN
                    : PublishRefusedException.Kind.UNAUTHORIZED, e.getMessage());
        }
    }

    private static RecordingMetadata metadataOf(PublishRequest publish) throws PublishRefusedException {
        try {
            return RecordingMetadata.of(publish.metadata());
        } catch (InvalidMetadataException e) {
            throw new PublishRefusedException(PublishRefusedException.Kind.INVALID, e.getMessage());
        }
    }

    /**
     * Takes the stream's name within the global and the per-address limits, all checked at once so no
     * two publishes pass together. The address is the publisher's HTTP request's: media may come
     * from a TURN relay that many publishers share.
     */
    private void claim(PublishedStream stream) throws PublishRefusedException {
        int maxPerAddress = config.maxPublishesPerAddress();
        synchronized (streams) {
            checkNotDraining();
            if (streams.containsKey(stream.name())) {
                throw new PublishRefusedException(PublishRefusedException.Kind.NAME_IN_USE,
                        "Stream name '" + stream.name() + "' is in use; choose another name");
            }
            if (streams.size() >= config.maxPublishes()) {
                throw new PublishRefusedException(PublishRefusedException.Kind.LIMIT,
                        "The server is at its limit of " + config.maxPublishes() + " streams publishing at once; try later");
            }
            long fromAddress = streams.values().stream()
                    .filter(other -> other.publisherAddress().equals(stream.publisherAddress())).count();
            if (fromAddress >= maxPerAddress) {
                LOG.info(() -> String.format("Stream %s refused: %d streams already publish from %s", stream.name(),
                        fromAddress, stream.publisherAddress()));
                throw new PublishRefusedException(PublishRefusedException.Kind.ADDRESS_LIMIT,
                        "Too many streams publish from your address (limit " + maxPerAddress + "); stop one first");
            }
            streams.put(stream.name(), stream);
        }
    }

    /** Checked with the token, and again when the name is claimed, under the lock the drain takes. */
    private void checkNotDraining() throws PublishRefusedException {
        boolean refusing;
        synchronized (streams) {
            refusing = draining;
        }
        if (refusing) {
            throw new PublishRefusedException(PublishRefusedException.Kind.DRAINING, DRAINING_REASON);
        }
    }

    private final class Registration implements PublishedStream.Registration {

        @Override
        public void ended(PublishedStream stream) {
            streams.remove(stream.name(), stream);
            cancelStatsPoll(stream);
        }
    }

    private void cancelStatsPoll(PublishedStream stream) {
        ScheduledFuture<?> poll = statsPolls.remove(stream);
        if (poll != null) {
            poll.cancel(false);
        }
    }

    private PublishedStream ownedBy(Publisher publisher, String name) {
        PublishedStream stream = streams.get(name);
        if (stream == null || stream.publisher() != publisher || stream.ingest() == null) {
            throw new UnknownStreamException(name);
        }
        return stream;
    }
}
