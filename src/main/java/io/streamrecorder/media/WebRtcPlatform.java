package io.streamrecorder.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.streamrecorder.config.IceConfig;
import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.ice.IceServer;
import io.streamrecorder.ice.IceServers;
import io.streamrecorder.ice.PublicAddresses;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The one owner of webrtc's native factory and audio device for the application: created on first
 * use, disposed in reverse order when the application stops.
 */
@ApplicationScoped
public class WebRtcPlatform {

    private static final Logger LOG = Logger.getLogger(WebRtcPlatform.class.getName());

    private RecorderConfig config;
    private IceConfig ice;
    private IceServers iceServers;
    private HeadlessAudioDeviceModule audioDevice;
    private PeerConnectionFactory factory;
    /** Guards the peer connections and the factory's life: no connection is touched after dispose. */
    private final Set<RTCPeerConnection> open = new HashSet<>();
    private boolean disposed;
    private Set<String> decodableCodecs;

    protected WebRtcPlatform() {
        // for CDI proxies
    }

    @Inject
    public WebRtcPlatform(RecorderConfig config, IceConfig ice, IceServers iceServers) {
        this.config = config;
        this.ice = ice;
        this.iceServers = iceServers;
    }

    @PostConstruct
    void start() {
        audioDevice = new HeadlessAudioDeviceModule();
        factory = new PeerConnectionFactory(audioDevice);
        decodableCodecs = receiverCodecs();
        // The headless device's playout thread pulls 10 ms of audio every 10 ms from every remote
        // track; without it audio sinks never receive data. It must start after the factory has
        // initialised the device: started before, it stays silent.
        audioDevice.initPlayout();
        audioDevice.startPlayout();
        LOG.info(() -> String.format("WebRTC peer connection factory started; it decodes %s",
                new TreeSet<>(decodableCodecs)));
    }

    @PreDestroy
    void stop() {
        // Peer connections must go before the factory that made them; streams still open at
        // undeploy or shutdown are closed here (their recordings are finalised by RecordingService).
        synchronized (open) {
            disposed = true;
            open.forEach(RTCPeerConnection::close);
            open.clear();
            factory.dispose();
            audioDevice.stopPlayout();
            audioDevice.dispose();
        }
        LOG.info("WebRTC peer connection factory disposed");
    }

    /** Whether new peer connections can be made: false once the factory is disposed with the application. */
    public boolean isRunning() {
        synchronized (open) {
            return !disposed && factory != null;
        }
    }

    /**
     * Names (lower case) of the audio and video codecs webrtc can receive and decode here, less
     * the ones that carry no media of their own (retransmission, redundancy, comfort noise, DTMF).
     */
    public Set<String> decodableCodecs() {
        return decodableCodecs;
    }

    private Set<String> receiverCodecs() {
        Set<String> codecs = new HashSet<>();
        for (MediaType kind : List.of(MediaType.AUDIO, MediaType.VIDEO)) {
            factory.getRtpReceiverCapabilities(kind).getCodecs()
                    .forEach(codec -> codecs.add(codec.getName().toLowerCase(Locale.ROOT)));
        }
        codecs.removeAll(Set.of("rtx", "red", "ulpfec", "flexfec-03", "cn", "telephone-event"));
        return Set.copyOf(codecs);
    }

    /** How much earlier than its arrival video was captured, beyond what audio's arrival says of it. */
    long publisherVideoLatencyNanos() {
        return config.publisherVideoLatency().toNanos();
    }

    /** The addresses a server behind a 1:1 NAT announces besides its own, read anew for each stream. */
    PublicAddresses publicAddresses() {
        return new PublicAddresses(ice.publicAddresses());
    }

    RTCPeerConnection createPeerConnection(PeerConnectionObserver observer) {
        RTCConfiguration configuration = new RTCConfiguration();
        PortAllocatorConfig ports = new PortAllocatorConfig();
        ports.minPort = ice.portMin();
        ports.maxPort = ice.portMax();
        // Also gather on loopback and wildcard addresses: servers and tests often have no other.
        ports.setEnableAnyAddressPorts(true);
        configuration.portAllocatorConfig = ports;
        configuration.iceServers = iceServers.forServer().stream().map(WebRtcPlatform::rtcIceServer).toList();
        synchronized (open) {
            if (disposed) {
                throw new IllegalStateException("WebRTC has shut down with the application");
            }
            RTCPeerConnection peerConnection = factory.createPeerConnection(configuration, observer);
            open.add(peerConnection);
            return peerConnection;
        }
    }

    /** Runs {@code action} on a peer connection made here unless it is closed, or gone with the factory. */
    void ifOpen(RTCPeerConnection peerConnection, Runnable action) {
        synchronized (open) {
            if (!disposed && open.contains(peerConnection)) {
                action.run();
            }
        }
    }

    private static RTCIceServer rtcIceServer(IceServer server) {
        RTCIceServer rtc = new RTCIceServer();
        rtc.urls = List.of(server.url());
        if (server.hasCredentials()) {
            rtc.username = server.username();
            rtc.password = server.credential();
        }
        return rtc;
    }

    /**
     * Releases a peer connection made here: {@code detach} (removing its sinks) and then the
     * connection, or nothing if that was done already or the factory is gone with everything it
     * made (touching a track after that crashes the JVM). Must not run on a webrtc thread.
     */
    void close(RTCPeerConnection peerConnection, Runnable detach) {
        synchronized (open) {
            if (!disposed && open.remove(peerConnection)) {
                detach.run();
                peerConnection.close();
            }
        }
    }
}
