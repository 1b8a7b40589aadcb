package io.streamrecorder.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of the application, typed and with a default that runs out of the box. Values come
 * from system properties (set by server-config/ scripts) or, failing that, from environment variables
 * named after the property (upper case, dots and dashes as underscores). ICE's are in {@link IceConfig},
 * S3's and the uploads' in {@link UploadConfig}.
 */
@ApplicationScoped
public class RecorderConfig {

    private static final long MIB = 1024L * 1024;
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SettingSource source;

    public RecorderConfig() {
        this(SettingSource.system());
    }

    RecorderConfig(SettingSource source) {
        this.source = source;
    }

    /** Where finished recordings live; defaults to the application server's data directory. */
    public Path recordsDir() {
        return source.get("streamrecorder.records.dir")
                .map(Path::of)
                .orElseGet(RecorderConfig::defaultRecordsDir);
    }

    /** How finished recordings are named (records.FileNameTemplate), when not by the default template. */
    public Optional<String> fileNameTemplate() {
        return source.get("streamrecorder.records.file-name-template");
    }

    /** A recording only starts with this much free space in the records directory. */
    public long minFreeBytes() {
        return source.getInt("streamrecorder.records.min-free-mib", 256) * MIB;
    }

    /** Recordings are cut into segments of this length; zero for one file per publish. */
    public Duration rotateAfter() {
        return Duration.ofSeconds(source.getInt("streamrecorder.records.rotate-after-seconds", 0));
    }

    /** A publish left paused this long ends, as if stopped. */
    public Duration maxPause() {
        int seconds = source.getInt("streamrecorder.recording.max-pause-seconds", 3600);
        if (seconds < 1) {
            throw new IllegalStateException("streamrecorder.recording.max-pause-seconds must be at least 1, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** Recordings are cut into segments of about this size; zero for no size limit. */
    public long rotateAfterBytes() {
        return source.getInt("streamrecorder.records.rotate-after-mib", 0) * MIB;
    }

    /**
     * Space kept in front of a recording's media for its finished index (ffmpeg backend). A file at
     * least 16 times this size is made faststart in place instead of copied, so Stop takes
     * milliseconds whatever its length. The index grows with the recording, so the reserve bounds
     * how long a file can be finished in place (what the default holds: docs/BENCHMARKS.md,
     * "Stop→playable for long recordings: faststart in place"); a longer file is copied. 0 turns it
     * off.
     */
    public int indexReserveBytes() {
        int kib = source.getInt("streamrecorder.records.index-reserve-kib", 1024);
        if (kib < 0 || kib > 64 * 1024) {
            throw new IllegalStateException("streamrecorder.records.index-reserve-kib must be 0 to 65536, was " + kib);
        }
        return kib * 1024;
    }

    /** Delete a recording's local file once its upload is verified. */
    public boolean deleteAfterUpload() {
        return "true".equalsIgnoreCase(source.get("streamrecorder.records.delete-after-upload").orElse("false"));
    }

    /**
     * Delete local recordings older than this (only those safely uploaded, when uploading is on);
     * zero keeps them.
     */
    public Duration maxAge() {
        return Duration.ofHours(source.getInt("streamrecorder.records.max-age-hours", 0));
    }

    /**
     * Which library encodes: "ffmpeg" (FFmpeg 8 via JavaCPP, the default: humble-video's x264 is
     * built without SIMD and costs several times as much per stream, docs/BENCHMARKS.md, "Encoders:
     * FFmpeg 8 against humble-video") or "humble" (humble-video).
     */
    public String encoderBackend() {
        String backend = source.get("streamrecorder.encoder.backend").orElse("ffmpeg");
        if (!backend.equals("ffmpeg") && !backend.equals("humble")) {
            throw new IllegalStateException("streamrecorder.encoder.backend must be ffmpeg or humble, was '" + backend + "'");
        }
        return backend;
    }

    /** Encoder threads per recording; 1 keeps many concurrent recordings cheapest, 0 lets the encoder choose. */
    public int encoderThreads() {
        return source.getInt("streamrecorder.encoder.threads", 1);
    }

    /** A hardware H.264 encoder to try first (vaapi, nvenc, qsv; ffmpeg backend only); empty for software. */
    public Optional<String> encoderHardware() {
        return source.get("streamrecorder.encoder.hardware");
    }

    /**
     * The x264 preset, CRF and options over the preset. x264 is the largest part of what a
     * recording costs, so the defaults are its cheapest preset (plain ultrafast) at the CRF (29) that
     * keeps the quality against the source of the earlier defaults (veryfast CRF 23, then ultrafast
     * with CABAC, deblocking and AQ back on at CRF 27) for a somewhat higher bitrate, and drop far
     * fewer frames than the earlier ones on a machine short of CPU (docs/BENCHMARKS.md, "Plain
     * ultrafast at CRF 29, the default since 2026-11-30").
     */
    public String encoderPreset() {
        return source.get("streamrecorder.encoder.preset").orElse("ultrafast");
    }

    public int encoderCrf() {
        return source.getInt("streamrecorder.encoder.crf", 29);
    }

    /** x264 options over the preset, {@code key=value:key=value} as x264's command line spells them. */
    public String x264Params() {
        return source.get("streamrecorder.encoder.x264-params").orElse("");
    }

    /** Average video bitrate in bit/s instead of constant quality; 0 (the default) encodes with the CRF. */
    public int videoBitrate() {
        return source.getInt("streamrecorder.encoder.video-bitrate", 0);
    }

    public int keyframeIntervalFrames() {
        return source.getInt("streamrecorder.encoder.keyframe-interval", 60);
    }

    /** Recordings run at this constant frame rate; a faster source has frames dropped. */
    public int maxFrameRate() {
        return source.getInt("streamrecorder.encoder.frame-rate", 30);
    }

    public int audioBitrate() {
        return source.getInt("streamrecorder.encoder.audio-bitrate", 128_000);
    }

    /** Samples (video frames and 10 ms audio chunks) buffered between the network and the encoder. */
    public int mediaQueueCapacity() {
        return source.getInt("streamrecorder.media.queue-capacity", 256);
    }

    /** How many of the queued samples may be video frames: one second's worth (RecordingOptions). */
    public int maxQueuedFrames() {
        return Math.min(maxFrameRate(), mediaQueueCapacity());
    }

    /**
     * How much longer a publisher's video takes than its audio from capture to arrival here
     * (encoding and pacing), which the server cannot see: webrtc-java hands over neither RTP
     * timestamps nor sender reports. The default is a calibration against Chromium
     * (docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame rate"); another publisher
     * may need its own.
     */
    public Duration publisherVideoLatency() {
        return Duration.ofMillis(source.getInt("streamrecorder.sync.video-latency-ms", 36));
    }

    /** Called with the stream name and file path after each recording, like WCS's on_record_hook.sh; empty for none. */
    public Optional<Path> onRecordHook() {
        return source.get("streamrecorder.on-record-hook").map(Path::of);
    }

    public Duration onRecordHookTimeout() {
        return Duration.ofSeconds(source.getInt("streamrecorder.on-record-hook.timeout-seconds", 60));
    }

    /**
     * The secret publish tokens and download links are signed with (HMAC-SHA256). Nodes sharing
     * streams or links must share it; unset, each start makes its own and its tokens and links
     * die with it.
     */
    public Optional<String> signingSecret() {
        return source.get("streamrecorder.security.secret");
    }

    /** Whether a publish needs a token; only the embedded demo (bin/run) turns this off. */
    public boolean publishTokensRequired() {
        return !"false".equalsIgnoreCase(source.get("streamrecorder.publish.require-token").orElse("true"));
    }

    /** The longest a publish token may live. */
    public Duration maxPublishTokenLifetime() {
        return Duration.ofHours(source.getInt("streamrecorder.publish.max-token-hours", 24 * 7));
    }

    /** Streams publishing at once, from everyone: beyond it a publish is refused. */
    public int maxPublishes() {
        return source.getInt("streamrecorder.limits.max-publishes", 32);
    }

    /** Streams publishing at once from one client address (the page's or the WHIP client's HTTP request). */
    public int maxPublishesPerAddress() {
        return source.getInt("streamrecorder.limits.max-publishes-per-address", 8);
    }

    /** A signalling socket that publishes nothing and says nothing for this long is closed. */
    public Duration signallingIdleTimeout() {
        return Duration.ofSeconds(source.getInt("streamrecorder.limits.signalling-idle-seconds", 120));
    }

    /**
     * How often a quiet signalling socket is pinged: below the read timeout of the server and of any
     * proxy in front (WildFly closes sockets after 90 s without a read, nginx after 60 s).
     */
    public Duration signallingKeepalive() {
        return Duration.ofSeconds(source.getInt("streamrecorder.signalling.keepalive-seconds", 30));
    }

    /** How long a download link handed to a publisher or an operator works. */
    public Duration downloadLinkLifetime() {
        return Duration.ofMinutes(source.getInt("streamrecorder.records.download-link-minutes", 24 * 60));
    }

    /**
     * This server's name among the nodes sharing one job repository: each upload job carries the
     * node whose disk holds its file, and only that node restarts it. Defaults to the host name,
     * so two nodes on one host must each be given one.
     */
    public String nodeName() {
        String name = source.get("streamrecorder.node.name").orElseGet(RecorderConfig::hostName);
        if (!NODE_NAME.matcher(name).matches()) {
            throw new IllegalStateException("streamrecorder.node.name must be 1 to 64 letters, digits, dots, dashes or"
                    + " underscores, was '" + name + "'");
        }
        return name;
    }

    /**
     * How long a draining node lets its live streams go on before it stops them itself (finalised,
     * UNPUBLISHED to their publishers); 0 stops them at once.
     */
    public Duration drainTimeout() {
        int seconds = source.getInt("streamrecorder.drain.timeout-seconds", 3600);
        if (seconds < 0) {
            throw new IllegalStateException("streamrecorder.drain.timeout-seconds must be 0 or more, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unresolvable) {
            return "localhost";
        }
    }

    private static Path defaultRecordsDir() {
        String wildflyData = System.getProperty("jboss.server.data.dir");
        if (wildflyData != null) {
            return Path.of(wildflyData, "recordings");
        }
        String payaraInstance = System.getProperty("com.sun.aas.instanceRoot");
        if (payaraInstance != null) {
            return Path.of(payaraInstance, "data", "recordings");
        }
        return Path.of(System.getProperty("user.home"), "stream-recorder", "recordings");
    }

    /**
     * Reverse proxies (IP addresses or networks such as {@code 10.0.0.0/8}, comma-separated) whose
     * X-Forwarded-For and X-Forwarded-Proto are believed: the client address that per-address limits
     * count and the logs name. None by default: anyone can send those headers.
     */
    public List<String> trustedProxies() {
        return source.get("streamrecorder.http.trusted-proxies").stream()
                .flatMap(proxies -> Arrays.stream(proxies.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
