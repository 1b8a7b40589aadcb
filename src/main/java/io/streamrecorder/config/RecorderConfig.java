package io.streamrecorder.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of the application, typed and with a default that runs out of the box. Values come
 * from system properties (set by server-config/ scripts) or, failing that, from environment variables
 * named after the property (upper case, dots and dashes as underscores).
 */
@ApplicationScoped
public class RecorderConfig {

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

    public String encoderPreset() {
        return source.get("streamrecorder.encoder.preset").orElse("veryfast");
    }

    public int encoderCrf() {
        return source.getInt("streamrecorder.encoder.crf", 23);
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

    /** UDP port range for ICE; 0/0 lets the OS choose. */
    public int icePortMin() {
        return source.getInt("streamrecorder.ice.port-min", 0);
    }

    public int icePortMax() {
        return source.getInt("streamrecorder.ice.port-max", 0);
    }

    /** How long a publish may take to connect its media before it fails. */
    public Duration connectTimeout() {
        return Duration.ofSeconds(source.getInt("streamrecorder.ice.connect-timeout-seconds", 15));
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
}
