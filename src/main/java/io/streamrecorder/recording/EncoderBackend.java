package io.streamrecorder.recording;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.EncoderWarmUp;
import io.streamrecorder.encoder.MediaWriterFactory;
import io.streamrecorder.encoder.ffmpeg.FfmpegMediaWriterFactory;
import io.streamrecorder.encoder.humble.HumbleMediaWriterFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;

/**
 * The one place that names the encoder back ends: the configured one's writers, started once at
 * deployment. Everything else sees only the {@link MediaWriterFactory} port.
 */
@ApplicationScoped
class EncoderBackend {

    private static final Logger LOG = Logger.getLogger(EncoderBackend.class.getName());

    @Produces
    @Singleton
    MediaWriterFactory writers(RecorderConfig config) {
        EncoderSettings settings = new EncoderSettings(config.encoderPreset(), config.encoderCrf(), config.videoBitrate(),
                config.keyframeIntervalFrames(), config.maxFrameRate(), config.audioBitrate(), config.encoderThreads(),
                config.x264Params(), config.encoderHardware());
        MediaWriterFactory writers = config.encoderBackend().equals("humble") ? new HumbleMediaWriterFactory(settings)
                : new FfmpegMediaWriterFactory(settings, config.indexReserveBytes());
        LOG.info(() -> String.format("Recordings are encoded with %s, %s", config.encoderBackend(), settings));
        EncoderWarmUp.run(writers);
        return writers;
    }
}
