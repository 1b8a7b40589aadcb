package io.streamrecorder.it;

import io.streamrecorder.testing.Await;
import io.streamrecorder.testing.PlainHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waiting for a (re)started server: it is up for the tests once the recording page answers 200. */
final class RecordingPageAnswer {

    private RecordingPageAnswer() {
    }

    static void await(String server, String url, Duration timeout) throws InterruptedException {
        HttpClient http = PlainHttp.client();
        // Refused connections while it starts are "not yet".
        Await.until(server + " to serve the recording page at " + url, timeout, () -> http.send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
