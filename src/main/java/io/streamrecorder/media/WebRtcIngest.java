package io.streamrecorder.media;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.streamrecorder.encoder.PcmAudio;
import io.streamrecorder.ice.PublicAddresses;
import io.streamrecorder.recording.RecordingInput;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server end of one published stream: answers the browser's offer, receives its tracks and
 * hands every decoded frame and audio chunk to a {@link RecordingInput}, stamped with the time it
 * arrived ({@link ReceiveDelays}), video's moved back by the publisher's extra video latency.
 */
public final class WebRtcIngest implements PeerConnectionObserver {

    private static final Logger LOG = Logger.getLogger(WebRtcIngest.class.getName());
    /** How often {@link #pollStats()} is to be called. */
    public static final long STATS_POLL_MILLIS = StatsCadence.POLL_MILLIS;

    private final String streamName;
    private final RecordingInput input;
    private final IngestListener listener;
    private final WebRtcPlatform platform;
    private final RTCPeerConnection peerConnection;
    private final List<RTCIceCandidate> earlyCandidates = new ArrayList<>();
    private final List<Runnable> sinkRemovals = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicLong videoFrames = new AtomicLong();
    private final AtomicLong audioChunks = new AtomicLong();
    private final ReceiveDelays delays = new ReceiveDelays();
    private final AudioClock audioClock = new AudioClock(delays);
    /** Polled from one timer at a time. */
    private final StatsCadence statsCadence = new StatsCadence();
    /** webrtc's decoder thread only. */
    private final RenderLead renderLead = new RenderLead();
    private final long videoLatencyNanos;
    private final PublicAddresses publicAddresses;
    private boolean remoteDescriptionSet;
    private volatile long firstFrameNanos;
    private volatile int width;
    private volatile int height;
    private volatile String clientAddress;
    private volatile CandidatePair candidatePair;

    private WebRtcIngest(WebRtcPlatform platform, String streamName, RecordingInput input, IngestListener listener) {
        this.streamName = streamName;
        this.input = input;
        this.listener = listener;
        this.platform = platform;
        this.peerConnection = platform.createPeerConnection(this);
        this.videoLatencyNanos = platform.publisherVideoLatencyNanos();
        this.publicAddresses = platform.publicAddresses();
    }

    /** Starts answering {@code offerSdp}; the answer and local candidates arrive at the listener. */
    public static WebRtcIngest answer(WebRtcPlatform platform, String streamName, String offerSdp,
            RecordingInput input, IngestListener listener) throws InvalidSdpException {
        WebRtcIngest ingest = new WebRtcIngest(platform, streamName, input, listener);
        try {
            ingest.peerConnection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, UnsyncedOffer.of(offerSdp)),
                    ingest.new RemoteDescriptionApplied());
        } catch (Error e) {
            ingest.close();
            throw invalidSdp("The offer is not valid SDP", e);
        }
        return ingest;
    }

    /** Video frames received so far. */
    public long videoFrames() {
        return videoFrames.get();
    }

    public VideoStats videoStats() {
        long frames = videoFrames.get();
        double seconds = (System.nanoTime() - firstFrameNanos) / 1e9;
        return new VideoStats(width, height, frames > 1 && seconds > 0 ? (frames - 1) / seconds : 0);
    }

    /**
     * Where the media comes from ({@code address:port}), or null until the connection is up, and
     * while webrtc withholds it (a publisher behind a NAT: {@link CandidatePair}).
     */
    public String clientAddress() {
        return clientAddress;
    }

    /** 10 ms audio chunks received so far. */
    public long audioChunks() {
        return audioChunks.get();
    }

    /**
     * Learns the receiver's current delays and the client's address from webrtc's stats. Call every
     * {@link #STATS_POLL_MILLIS} while the stream lasts, not on a webrtc thread.
     */
    public void pollStats() {
        if (!connected.get() || closed.get()) {
            return;
        }
        long frames = videoFrames.get();
        long chunks = audioChunks.get();
        boolean waiting = frames == 0 && chunks == 0 || frames > 0 && !delays.videoKnown()
                || chunks > 0 && !audioClock.started();
        if (statsCadence.due(waiting)) {
            platform.ifOpen(peerConnection, () -> peerConnection.getStats(report -> {
                try {
                    delays.update(report);
                    CandidatePair.selected(report).filter(pair -> !pair.equals(candidatePair)).ifPresent(pair -> {
                        candidatePair = pair;
                        LOG.info(() -> String.format("Stream %s: media over the candidate pair %s", streamName, pair));
                        if (pair.remoteAddress() != null) {
                            clientAddress = pair.remoteAddress();
                        }
                    });
                } catch (RuntimeException e) {
                    // Never let an exception unwind into native code.
                    LOG.log(Level.WARNING, e, () -> String.format("Stream %s: unreadable stats", streamName));
                }
            }));
        }
    }

    public void addRemoteCandidate(String candidate, String sdpMid, int sdpMLineIndex) throws InvalidSdpException {
        RTCIceCandidate ice = new RTCIceCandidate(sdpMid, sdpMLineIndex, candidate);
        synchronized (earlyCandidates) {
            if (!remoteDescriptionSet) {
                earlyCandidates.add(ice);
                return;
            }
        }
        try {
            peerConnection.addIceCandidate(ice);
        } catch (Error e) {
            throw invalidSdp("The candidate is not valid", e);
        }
    }

    /**
     * webrtc-java reports SDP it cannot parse as a plain java.lang.Error, thrown at once; its
     * subclasses (out of memory, stack overflow) are real errors and go on.
     */
    private static InvalidSdpException invalidSdp(String what, Error e) {
        if (e.getClass() != Error.class) {
            throw e;
        }
        return new InvalidSdpException(what + ": " + e.getMessage());
    }

    /** Stops the media and releases the peer connection. Must not run on a webrtc thread. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            platform.close(peerConnection, () -> {
                synchronized (sinkRemovals) {
                    sinkRemovals.forEach(Runnable::run);
                }
            });
            LOG.info(() -> String.format("Stream %s: peer connection closed after %s video frames and %s audio chunks",
                    streamName, videoFrames.get(), audioChunks.get()));
        }
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        LOG.fine(() -> String.format("Stream %s: receiving %s track %s", streamName, track.getKind(), track.getId()));
        synchronized (sinkRemovals) {
            if (track instanceof VideoTrack video) {
                VideoTrackSink sink = this::onVideoFrame;
                video.addSink(sink);
                sinkRemovals.add(() -> video.removeSink(sink));
            } else if (track instanceof AudioTrack audio) {
                AudioTrackSink sink = this::onAudio;
                audio.addSink(sink);
                sinkRemovals.add(() -> audio.removeSink(sink));
            }
        }
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        listener.onLocalCandidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex);
        publicAddresses.alongside(candidate.sdp)
                .forEach(twin -> listener.onLocalCandidate(twin, candidate.sdpMid, candidate.sdpMLineIndex));
    }

    @Override
    public void onIceGatheringChange(RTCIceGatheringState state) {
        if (state == RTCIceGatheringState.COMPLETE && !closed.get()) {
            RTCSessionDescription local = peerConnection.getLocalDescription();
            if (local != null) {
                listener.onCandidatesGathered(publicAddresses.inSdp(local.sdp));
            }
        }
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        LOG.fine(() -> String.format("Stream %s peer connection %s", streamName, state));
        if (state == RTCPeerConnectionState.CONNECTED && connected.compareAndSet(false, true)) {
            listener.onConnected();
        } else if (state == RTCPeerConnectionState.FAILED && !closed.get()) {
            listener.onFailed("The media connection to the publisher was lost");
        }
    }

    private void onVideoFrame(VideoFrame frame) {
        try {
            if (!closed.get()) {
                // Render times are on webrtc's monotonic clock, which is System.nanoTime()'s.
                long now = System.nanoTime();
                if (videoFrames.incrementAndGet() == 1) {
                    firstFrameNanos = now;
                }
                width = frame.buffer.getWidth();
                height = frame.buffer.getHeight();
                if (!delays.videoKnown()) {
                    // Stamped without the jitter buffer's delay, the first frames would sit late
                    // against the rest, and the frames after them would collide on the grid.
                    return;
                }
                long arrival = frame.timestampNs - renderLead.add(frame.timestampNs - now) - delays.videoNanos();
                input.offerVideo(VideoFrameCopier.copy(frame, input), arrival - videoLatencyNanos);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // Nothing may unwind into native code: webrtc aborts the whole server (seen with a full heap).
            LOG.log(Level.WARNING, e, () -> String.format("Stream %s: dropped a video frame", streamName));
        } finally {
            frame.release();
        }
    }

    private void onAudio(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (closed.get() || bitsPerSample != 16) {
            return;
        }
        try {
            audioChunks.incrementAndGet();
            OptionalLong captured = audioClock.captureNanos(System.nanoTime(), frames, sampleRate);
            if (captured.isPresent()) {
                input.offerAudio(new PcmAudio(data.clone(), sampleRate, channels, frames), captured.getAsLong());
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, e, () -> String.format("Stream %s: dropped 10 ms of audio", streamName));
        }
    }

    private final class RemoteDescriptionApplied implements SetSessionDescriptionObserver {
        @Override
        public void onSuccess() {
            List<RTCIceCandidate> pending;
            synchronized (earlyCandidates) {
                remoteDescriptionSet = true;
                pending = List.copyOf(earlyCandidates);
                earlyCandidates.clear();
            }
            for (RTCIceCandidate candidate : pending) {
                try {
                    peerConnection.addIceCandidate(candidate);
                } catch (Error e) {
                    // On webrtc's thread: nothing may unwind into native code; a bad candidate is only useless.
                    LOG.log(Level.FINE, e,
                            () -> String.format("Stream %s: an early candidate was not valid", streamName));
                }
            }
            peerConnection.createAnswer(new RTCAnswerOptions(), new AnswerCreated());
        }

        @Override
        public void onFailure(String error) {
            listener.onFailed("The offer was not accepted: " + error);
        }
    }

    private final class AnswerCreated implements CreateSessionDescriptionObserver {
        @Override
        public void onSuccess(RTCSessionDescription answer) {
            peerConnection.setLocalDescription(answer, new SetSessionDescriptionObserver() {
                @Override
                public void onSuccess() {
                    listener.onAnswer(publicAddresses.inSdp(answer.sdp));
                }

                @Override
                public void onFailure(String error) {
                    listener.onFailed("Could not apply the answer: " + error);
                }
            });
        }

        @Override
        public void onFailure(String error) {
            listener.onFailed("Could not answer the offer: " + error);
        }
    }
}
