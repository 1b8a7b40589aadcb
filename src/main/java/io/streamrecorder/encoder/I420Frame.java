package io.streamrecorder.encoder;

/**
 * A decoded video frame copied out of native memory, tightly packed I420 (strides equal to widths:
 * Y is width, U and V are (width + 1) / 2). A recording reuses its frames' arrays ({@link FramePool}):
 * the pixels belong to whoever holds the frame until it is offered on.
 */
public record I420Frame(int width, int height, byte[] y, byte[] u, byte[] v) {

    public static I420Frame blank(int width, int height) {
        int chroma = ((width + 1) / 2) * ((height + 1) / 2);
        return new I420Frame(width, height, new byte[width * height], new byte[chroma], new byte[chroma]);
    }

    public int chromaWidth() {
        return (width + 1) / 2;
    }

    public int chromaHeight() {
        return (height + 1) / 2;
    }
}
