package io.streamrecorder.recording;

/**
 * A decoded video frame copied out of native memory, tightly packed I420 (strides equal to widths:
 * Y is width, U and V are (width + 1) / 2).
 */
public record I420Frame(int width, int height, byte[] y, byte[] u, byte[] v) {

    public int chromaWidth() {
        return (width + 1) / 2;
    }

    public int chromaHeight() {
        return (height + 1) / 2;
    }
}
