package io.streamrecorder.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An operator of the test server (created by the build): requests to the API with their credentials. */
record Operator(String user, String password) {

    static Operator admin() {
        return new Operator(System.getProperty("admin.user"), System.getProperty("admin.password"));
    }

    /** A user of the server without the recorder-admin role. */
    static Operator viewer() {
        return new Operator(System.getProperty("viewer.user"), System.getProperty("viewer.password"));
    }

    /** A request to {@code path} (relative to the application) with Basic credentials and the CSRF header. */
    HttpRequest.Builder request(String path) {
        return request(Browser.serverUrl(), path);
    }

    /** The same, to the application at {@code serverUrl} (another node). */
    HttpRequest.Builder request(String serverUrl, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(serverUrl + path))
                .header("Authorization", "Basic " + basic)
                .header("X-Requested-By", "stream-recorder-tests");
    }
}
