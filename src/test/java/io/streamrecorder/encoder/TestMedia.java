package io.streamrecorder.encoder;

import java.util.Arrays;

/** Synthetic media for tests: a moving gradient and a 440 Hz tone. */
public final class TestMedia {

    private TestMedia() {
    }

    public static I420Frame frame(int width, int height, int index) {
        byte[] y = new byte[width * height];
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                y[row * width + column] = (byte) (column + row + index * 4);
            }
        }
        int chroma = ((width + 1) / 2) * ((height + 1) / 2);
        byte[] u = new byte[chroma];
        byte[] v = new byte[chroma];
        Arrays.fill(u, (byte) 100);
        Arrays.fill(v, (byte) 150);
        return new I420Frame(width, height, y, u, v);
    }

    /** The {@code index}-th 10 ms chunk of a continuous tone. */
    public static PcmAudio tone(int index, int sampleRate, int channels) {
        int samples = sampleRate / 100;
        byte[] data = new byte[samples * channels * 2];
        for (int i = 0; i < samples; i++) {
            double t = (index * samples + i) / (double) sampleRate;
            short value = (short) (Math.sin(2 * Math.PI * 440 * t) * 8000);
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                data[at] = (byte) value;
                data[at + 1] = (byte) (value >> 8);
            }
        }
        return new PcmAudio(data, sampleRate, channels, samples);
    }
}
