package io.streamrecorder.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.streamrecorder.config.RecorderConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The one owner of webrtc's native factory and audio device for the application: created on first
 * use, disposed in reverse order when the application stops.
 */
@ApplicationScoped
public class WebRtcPlatform {

    private static final Logger LOG = Logger.getLogger(WebRtcPlatform.class.getName());

    private RecorderConfig config;
    private HeadlessAudioDeviceModule audioDevice;
    private PeerConnectionFactory factory;
    private final Set<RTCPeerConnection> open = new HashSet<>();

    protected WebRtcPlatform() {
        // for CDI proxies
    }

    @Inject
    public WebRtcPlatform(RecorderConfig config) {
        this.config = config;
    }

    @PostConstruct
    void start() {
        audioDevice = new HeadlessAudioDeviceModule();
        factory = new PeerConnectionFactory(audioDevice);
        // The headless device's playout thread pulls 10 ms of audio every 10 ms from every remote
        // track; without it audio sinks never receive data. It must start after the factory has
        // initialised the device: started before, it stays silent.
        audioDevice.initPlayout();
        audioDevice.startPlayout();
        LOG.info("WebRTC peer connection factory started");
    }

    @PreDestroy
    void stop() {
        // Peer connections must go before the factory that made them; streams still open at
        // undeploy or shutdown are closed here (their recordings are finalised by RecordingService).
        List<RTCPeerConnection> remaining;
        synchronized (open) {
            remaining = List.copyOf(open);
            open.clear();
        }
        remaining.forEach(RTCPeerConnection::close);
        factory.dispose();
        audioDevice.stopPlayout();
        audioDevice.dispose();
        LOG.info("WebRTC peer connection factory disposed");
    }

    /** How much earlier than its arrival video was captured, beyond what audio's arrival says of it. */
    long publisherVideoLatencyNanos() {
        return config.publisherVideoLatency().toNanos();
    }

    RTCPeerConnection createPeerConnection(PeerConnectionObserver observer) {
        RTCConfiguration configuration = new RTCConfiguration();
        PortAllocatorConfig ports = new PortAllocatorConfig();
        ports.minPort = config.icePortMin();
        ports.maxPort = config.icePortMax();
        // Also gather on loopback and wildcard addresses: servers and tests often have no other.
        ports.setEnableAnyAddressPorts(true);
        configuration.portAllocatorConfig = ports;
        RTCPeerConnection peerConnection = factory.createPeerConnection(configuration, observer);
        synchronized (open) {
            open.add(peerConnection);
        }
        return peerConnection;
    }

    /** Closes a peer connection made here. Must not run on a webrtc thread. */
    void close(RTCPeerConnection peerConnection) {
        boolean wasOpen;
        synchronized (open) {
            wasOpen = open.remove(peerConnection);
        }
        if (wasOpen) {
            peerConnection.close();
        }
    }
}
