package io.streamrecorder.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * WildFly's HTTP management API (what its HAL console reads), as the test server's management
 * user. It wants HTTP Digest, which HttpURLConnection speaks and java.net.http does not.
 */
final class ManagementApi {

    private ManagementApi() {
    }

    /** Runs one management operation given as DMR JSON and returns its {@code result}. */
    static JsonObject execute(String operationJson) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(System.getProperty("management.url")).toURL()
                .openConnection();
        connection.setAuthenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(System.getProperty("manager.user"),
                        System.getProperty("manager.password").toCharArray());
            }
        });
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream body = connection.getOutputStream()) {
            body.write(operationJson.getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        try (InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            JsonObject response = Json.createReader(in).readObject();
            if (status != 200 || !"success".equals(response.getString("outcome", ""))) {
                throw new IllegalStateException("Management operation failed (" + status + "): " + response);
            }
            return response.getJsonObject("result");
        }
    }
}
