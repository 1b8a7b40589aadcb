package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_init;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVHWFramesContext;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * GPU frames for the encoders that only take frames in GPU memory (VAAPI, QSV): a device, a pool
 * of NV12 surfaces, and the upload of each I420 picture into one. NVENC reads system memory and
 * needs none of this.
 */
final class HardwareFrames implements AutoCloseable {

    private static final Map<String, int[]> KINDS = Map.of(
            "vaapi", new int[] {AV_HWDEVICE_TYPE_VAAPI, AV_PIX_FMT_VAAPI},
            "qsv", new int[] {AV_HWDEVICE_TYPE_QSV, AV_PIX_FMT_QSV});
    private static final int POOL_SIZE = 8;

    private final AVBufferRef device = new AVBufferRef(null);
    private final AVBufferRef frames;
    private final int pixelFormat;
    private final AVFrame nv12;
    private final AVFrame surface = av_frame_alloc();
    private final SwsContext converter;

    /** Whether {@code hardware} names an encoder that needs GPU frames. */
    static boolean needed(String hardware) {
        return KINDS.containsKey(hardware);
    }

    /** @throws IOException when there is no such device or it cannot hold frames of this size */
    HardwareFrames(String hardware, int width, int height) throws IOException {
        int[] kind = KINDS.get(hardware);
        pixelFormat = kind[1];
        AVBufferRef pool = null;
        AVFrame staging = null;
        try {
            FfmpegCalls.check(av_hwdevice_ctx_create(device, kind[0], (String) null, (AVDictionary) null, 0),
                    "Opening the " + hardware + " device");
            pool = av_hwframe_ctx_alloc(device);
            AVHWFramesContext layout = new AVHWFramesContext(pool.data());
            layout.format(pixelFormat);
            layout.sw_format(AV_PIX_FMT_NV12);
            layout.width(width);
            layout.height(height);
            layout.initial_pool_size(POOL_SIZE);
            FfmpegCalls.check(av_hwframe_ctx_init(pool), "Preparing " + hardware + " surfaces");
            staging = av_frame_alloc();
            staging.format(AV_PIX_FMT_NV12);
            staging.width(width);
            staging.height(height);
            FfmpegCalls.check(av_frame_get_buffer(staging, 0), "Allocating an NV12 frame");
        } catch (IOException | RuntimeException e) {
            if (pool != null) {
                av_buffer_unref(pool);
            }
            if (staging != null) {
                av_frame_free(staging);
            }
            av_buffer_unref(device);
            av_frame_free(surface);
            throw e;
        }
        frames = pool;
        nv12 = staging;
        converter = sws_getContext(width, height, AV_PIX_FMT_YUV420P, width, height, AV_PIX_FMT_NV12, SWS_BILINEAR,
                null, null, (double[]) null);
    }

    /** Makes the encoder take this pool's surfaces. */
    void attachTo(AVCodecContext encoder) {
        encoder.pix_fmt(pixelFormat);
        encoder.hw_frames_ctx(av_buffer_ref(frames));
    }

    /** Copies an I420 frame into a GPU surface (valid until the next upload) with the same timestamp. */
    AVFrame upload(AVFrame i420) throws IOException {
        sws_scale(converter, i420.data(), i420.linesize(), 0, i420.height(), nv12.data(), nv12.linesize());
        av_frame_unref(surface);
        FfmpegCalls.check(av_hwframe_get_buffer(frames, surface, 0), "Taking a GPU surface");
        FfmpegCalls.check(av_hwframe_transfer_data(surface, nv12, 0), "Uploading a frame to the GPU");
        surface.pts(i420.pts());
        return surface;
    }

    @Override
    public void close() {
        sws_freeContext(converter);
        av_frame_free(nv12);
        av_frame_free(surface);
        av_buffer_unref(frames);
        av_buffer_unref(device);
    }
}
