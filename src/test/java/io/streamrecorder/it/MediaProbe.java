package io.streamrecorder.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What ffprobe and ffmpeg say about a media file. */
record MediaProbe(List<StreamInfo> streams, double durationSeconds, String decodeErrors) {

    record StreamInfo(String codecType, String codecName, int width, int height, double avgFrameRate,
            double startTime, double duration) {
    }

    static MediaProbe of(Path file) throws IOException, InterruptedException {
        String json = run("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", file.toString());
        List<StreamInfo> streams = new ArrayList<>();
        double duration;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject probe = reader.readObject();
            for (JsonObject stream : probe.getJsonArray("streams").getValuesAs(JsonObject.class)) {
                streams.add(new StreamInfo(stream.getString("codec_type"), stream.getString("codec_name"),
                        stream.getInt("width", 0), stream.getInt("height", 0),
                        rate(stream.getString("avg_frame_rate", "0/1")), number(stream, "start_time"),
                        number(stream, "duration")));
            }
            duration = number(probe.getJsonObject("format"), "duration");
        }
        String errors = run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        return new MediaProbe(streams, duration, errors.strip());
    }

    /** Whether the file is faststart: its top-level moov comes before its first mdat. */
    static boolean indexBeforeMedia(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                long size = in.readInt() & 0xffffffffL;
                String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
                if (type.equals("moov") || type.equals("mdat")) {
                    return type.equals("moov");
                }
                long header = 8;
                if (size == 1) {
                    size = in.readLong();
                    header = 16;
                }
                in.skipNBytes(size - header);
            }
        }
    }

    Optional<StreamInfo> stream(String codecType) {
        return streams.stream().filter(s -> s.codecType().equals(codecType)).findFirst();
    }

    long count(String codecType) {
        return streams.stream().filter(s -> s.codecType().equals(codecType)).count();
    }

    private static double number(JsonObject json, String field) {
        return json.containsKey(field) ? Double.parseDouble(json.getString(field)) : Double.NaN;
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        double denominator = Double.parseDouble(parts[1]);
        return denominator == 0 ? 0 : Double.parseDouble(parts[0]) / denominator;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes());
            } catch (IOException e) {
                return e.toString();
            }
        });
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        String stderr = errors.join();
        if (command[0].equals("ffmpeg")) {
            return stderr;
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + stderr);
        }
        return output;
    }
}
