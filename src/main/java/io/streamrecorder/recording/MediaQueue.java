package io.streamrecorder.recording;

import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.PcmAudio;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The bounded queue between a recording's network threads and its encoder thread. Offering never
 * blocks: a sample that finds the queue full, or a frame past the allowance of queued video frames
 * (they are big), is dropped and counted. Frames come from a small pool and go back to it once
 * encoded or dropped.
 */
final class MediaQueue {

    private static final Logger LOG = Logger.getLogger(MediaQueue.class.getName());
    /** Frames in flight in a recording that keeps up: one being copied, one queued, one encoding, and spares. */
    private static final int POOLED_FRAMES = 6;

    private final BlockingQueue<MediaSample> queue;
    private final int maxQueuedFrames;
    private final Supplier<String> fileName;
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final FramePool framePool = new FramePool(POOLED_FRAMES);
    private volatile boolean accepting = true;
    private volatile long lastTakeNanos = System.nanoTime();

    /** {@code fileName} names the file being written, for the log line about drops. */
    MediaQueue(int capacity, int maxQueuedFrames, Supplier<String> fileName) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxQueuedFrames = maxQueuedFrames;
        this.fileName = fileName;
    }

    I420Frame blankFrame(int width, int height) {
        return framePool.take(width, height);
    }

    void offerVideo(I420Frame frame, long captureNanos) {
        if (queuedFrames.incrementAndGet() > maxQueuedFrames) {
            queuedFrames.decrementAndGet();
            framePool.giveBack(frame);
            drop();
        } else if (!offer(new MediaSample.Video(frame, captureNanos))) {
            queuedFrames.decrementAndGet();
            framePool.giveBack(frame);
        }
    }

    void offerAudio(PcmAudio audio, long captureNanos) {
        offer(new MediaSample.Audio(audio, captureNanos));
    }

    /** The next sample, waiting for one. */
    MediaSample take() throws InterruptedException {
        MediaSample sample = queue.take();
        lastTakeNanos = System.nanoTime();
        if (sample instanceof MediaSample.Video) {
            queuedFrames.decrementAndGet();
        }
        return sample;
    }

    /** The encoder is done with a frame's pixels. */
    void release(I420Frame frame) {
        framePool.giveBack(frame);
    }

    /**
     * Takes nothing more and queues {@code end} behind what is waiting, waiting for room; false when
     * the queue had already stopped taking samples.
     */
    boolean end(MediaSample.End end) throws InterruptedException {
        if (!accepting) {
            return false;
        }
        accepting = false;
        queue.put(end);
        return true;
    }

    /** Takes nothing more and drops what is waiting: the recording failed. */
    void abandon() {
        accepting = false;
        queue.clear();
    }

    /** Samples dropped because the encoder fell behind. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Whether the encoder is stuck: the queue is full and nothing was taken from it for {@code
     * quietNanos}. A slow encoder drops samples but still takes some; a stuck one takes none.
     */
    boolean stalled(long nowNanos, long quietNanos) {
        return queue.remainingCapacity() == 0 && nowNanos - lastTakeNanos >= quietNanos;
    }

    /** Samples waiting for the encoder. */
    int size() {
        return queue.size();
    }

    private boolean offer(MediaSample sample) {
        if (!accepting) {
            return false;
        }
        if (queue.offer(sample)) {
            return true;
        }
        drop();
        return false;
    }

    private void drop() {
        if (accepting && dropped.getAndIncrement() % 100 == 0) {
            LOG.warning(() -> String.format("Recording %s: encoder falls behind, dropped %s samples so far",
                    fileName.get(), dropped.get()));
        }
    }
}
