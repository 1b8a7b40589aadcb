package io.streamrecorder.testing;

import java.net.http.HttpClient;

/**
 * The tests' HTTP client for plain {@code http://}: HTTP/1.1, as browsers and curl speak it there.
 * The JDK's client otherwise asks every server to upgrade to cleartext HTTP/2 (h2c), and Undertow's
 * upgraded connection now and then answers with frames the client rejects ("zero streamId for
 * DataFrame", a GOAWAY), which failed tests that asked nothing of HTTP/2.
 */
public final class PlainHttp {

    private PlainHttp() {
    }

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}
