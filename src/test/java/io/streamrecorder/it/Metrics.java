package io.streamrecorder.it;

import io.streamrecorder.testing.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of the server's Prometheus endpoint. */
final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

    final String text;

    private Metrics(String text) {
        this.text = text;
    }

    static Metrics scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = PlainHttp.client().send(
                HttpRequest.newBuilder(URI.create(System.getProperty("metrics.url"))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Metrics endpoint answered " + response.statusCode());
        }
        return new Metrics(response.body());
    }

    /** The sum of the samples named {@code name} whose labels contain {@code label} (0 when none). */
    double value(String name, String label) {
        double sum = 0;
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            String labels = sample.group(2) == null ? "" : sample.group(2);
            if (sample.group(1).equals(name) && labels.contains(label)) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }

    double value(String name) {
        return value(name, "");
    }
}
