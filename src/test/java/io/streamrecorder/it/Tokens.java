package io.streamrecorder.it;

import io.streamrecorder.testing.PlainHttp;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Publish tokens for test streams, minted through the REST API as an operator's site would. */
public final class Tokens {

    private static final HttpClient HTTP = PlainHttp.client();

    private Tokens() {
    }

    /**
     * A token for {@code streamName}, or null when there is none to have: no operator credentials
     * (a benchmark against bin/run, which needs none), or a name the server refuses anyway.
     */
    public static String mint(String streamName) {
        return mint(Browser.serverUrl(), streamName);
    }

    /** The same, minted by the application at {@code serverUrl} (another node). */
    public static String mint(String serverUrl, String streamName) {
        if (System.getProperty("admin.user") == null) {
            return null;
        }
        HttpResponse<String> response = post(serverUrl, Json.createObjectBuilder().add("streamName", streamName).build().toString());
        if (response.statusCode() == 400) {
            return null;
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("minting a token answered " + response.statusCode() + ": " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject().getString("token");
    }

    /** The API's answer to a mint request with this JSON body. */
    static HttpResponse<String> post(String json) {
        return post(Browser.serverUrl(), json);
    }

    private static HttpResponse<String> post(String serverUrl, String json) {
        try {
            return HTTP.send(Operator.admin().request(serverUrl, "api/tokens").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
