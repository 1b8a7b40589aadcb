package io.streamrecorder.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flash and a beep once a second, for measuring A/V sync: 29 frames at 30 fps (the first white,
 * the rest dark) and a 1.000 s WAV (a 1 kHz beep in its first 50 ms). Chromium's fake camera
 * repeats a frame at each loop of the file, so 29 frames play in exactly one second and both loops
 * stay in step (FACTS.md).
 */
final class SyncClip {

    private static final Pattern TIME = Pattern.compile("pts_time:([0-9.]+)");
    private static final double QUIET_BEFORE_BEEP = 0.3;
    private static final Pattern VALUE = Pattern.compile("=(-?[0-9.]+|-inf|inf|nan)");

    final Path video;
    final Path audio;

    private SyncClip(Path video, Path audio) {
        this.video = video;
        this.audio = audio;
    }

    static SyncClip makeIn(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path video = dir.resolve("flash.y4m");
        Path audio = dir.resolve("beep.wav");
        MediaProbe.run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0x202020:s=640x480:r=30",
                "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(n,0)'", "-frames:v", "29",
                "-pix_fmt", "yuv420p", video.toString());
        MediaProbe.run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=1000:sample_rate=48000:d=1",
                "-af", "volume=volume=4,volume=volume=0:enable='gte(t,0.05)'", "-ac", "1", "-c:a", "pcm_s16le", audio.toString());
        if (!Files.exists(video) || !Files.exists(audio)) {
            throw new IOException("ffmpeg could not make the sync clip in " + dir);
        }
        return new SyncClip(video, audio);
    }

    /** When a flash starts in a recording: frames much brighter than the one before. */
    static List<Double> flashes(Path recording, Path scratch) throws IOException, InterruptedException {
        List<double[]> frames = measure(recording, scratch, "0:v",
                "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=" + scratch);
        List<Double> onsets = new ArrayList<>();
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i)[1] > 128 && frames.get(i - 1)[1] <= 128) {
                onsets.add(frames.get(i)[0]);
            }
        }
        return onsets;
    }

    /**
     * When a beep starts: the first 1 ms window above -26 dB after a quiet 0.3 s. Windows of 10 ms put
     * the onset anywhere in the window before it, differently in each recording; -26 dB is well
     * under the beep (about -9 dB) and over the codecs' pre-echo ahead of it.
     */
    static List<Double> beeps(Path recording, Path scratch) throws IOException, InterruptedException {
        List<double[]> windows = measure(recording, scratch, "0:a", "-af",
                "aresample=48000,asetnsamples=n=48:p=1,astats=metadata=1:reset=1,"
                        + "ametadata=print:key=lavfi.astats.Overall.RMS_level:file=" + scratch);
        List<Double> onsets = new ArrayList<>();
        double lastLoud = Double.NEGATIVE_INFINITY;
        for (double[] window : windows) {
            if (window[1] > -26) {
                // A beep lasts 50 ms: loud windows within its tail (codec ringing) are the same beep.
                if (window[0] - lastLoud > QUIET_BEFORE_BEEP) {
                    onsets.add(window[0]);
                }
                lastLoud = window[0];
            }
        }
        return onsets;
    }

    /**
     * Audio minus video, in seconds, for each beep between {@code from} and {@code to} seconds,
     * paired with the nearest flash (they come once a second, so nearest is within half of it).
     */
    static List<Double> offsets(List<Double> flashes, List<Double> beeps, double from, double to) {
        return pairs(flashes, beeps, from, to).stream().map(Pair::offset).toList();
    }

    /**
     * Each beep between {@code from} and {@code to} seconds with the nearest flash, as its time and
     * its audio-minus-video offset, in seconds.
     */
    static List<Pair> pairs(List<Double> flashes, List<Double> beeps, double from, double to) {
        List<Pair> pairs = new ArrayList<>();
        for (double beep : beeps) {
            if (beep < from || beep > to) {
                continue;
            }
            flashes.stream().min((a, b) -> Double.compare(Math.abs(a - beep), Math.abs(b - beep)))
                    .filter(flash -> Math.abs(flash - beep) < 0.5)
                    .ifPresent(flash -> pairs.add(new Pair(beep, beep - flash)));
        }
        return pairs;
    }

    /** A flash and a beep: when the beep came, and how far after the flash. */
    record Pair(double seconds, double offset) {
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Runs an ffmpeg filter that prints a value per frame into {@code scratch}: (time, value) pairs. */
    private static List<double[]> measure(Path recording, Path scratch, String map, String... filter)
            throws IOException, InterruptedException {
        Files.deleteIfExists(scratch);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", recording.toString(),
                "-map", map));
        command.addAll(List.of(filter));
        command.addAll(List.of("-f", "null", "-"));
        MediaProbe.run(command.toArray(String[]::new));
        List<double[]> values = new ArrayList<>();
        double time = Double.NaN;
        for (String line : Files.readAllLines(scratch)) {
            Matcher t = TIME.matcher(line);
            Matcher v = VALUE.matcher(line);
            if (t.find()) {
                time = Double.parseDouble(t.group(1));
            } else if (v.find()) {
                String value = v.group(1);
                values.add(new double[] {time, value.endsWith("inf") || value.equals("nan") ? -200 : Double.parseDouble(value)});
            }
        }
        return values;
    }
}
