package io.streamrecorder.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * WildFly's HTTP management API (what its HAL console reads), as the test server's management
 * user. It wants HTTP Digest, which HttpURLConnection speaks and java.net.http does not.
 */
final class ManagementApi {

    private ManagementApi() {
    }

    /** Sets a system property on the running server, replacing any value it had; settings read it at once. */
    static void setSystemProperty(String name, String value) throws IOException {
        setSystemProperty(laneServer(), name, value);
    }

    /** The same on the server whose management API is at {@code managementUrl}. */
    static void setSystemProperty(String managementUrl, String name, String value) throws IOException {
        removeSystemProperty(managementUrl, name);
        execute(managementUrl, Json.createObjectBuilder().add("operation", "add").add("address", systemProperty(name))
                .add("value", value).build().toString());
    }

    /** Removes a system property from the running server; nothing happens if it has none of that name. */
    static void removeSystemProperty(String name) throws IOException {
        removeSystemProperty(laneServer(), name);
    }

    static void removeSystemProperty(String managementUrl, String name) throws IOException {
        JsonObject names = Json.createObjectBuilder().add("operation", "read-children-names")
                .add("child-type", "system-property").build();
        if (execute(managementUrl, names.toString()).asJsonArray().getValuesAs(JsonString::getString).contains(name)) {
            execute(managementUrl, Json.createObjectBuilder().add("operation", "remove").add("address", systemProperty(name)).build().toString());
        }
    }

    /** Replaces the deployment of the WAR with {@code war}, as an operator's redeploy does; returns once it is deployed. */
    static void redeploy(Path war) throws IOException {
        execute(Json.createObjectBuilder().add("operation", "full-replace-deployment").add("name", war.getFileName().toString())
                .add("content", Json.createArrayBuilder().add(Json.createObjectBuilder().add("url", war.toUri().toString())))
                .add("enabled", true).build().toString());
    }

    private static JsonArray systemProperty(String name) {
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("system-property", name)).build();
    }

    /** Runs one management operation given as DMR JSON and returns its {@code result}. */
    static JsonValue execute(String operationJson) throws IOException {
        return execute(laneServer(), operationJson);
    }

    private static String laneServer() {
        return System.getProperty("management.url");
    }

    /** Runs one management operation on the server whose management API is at {@code managementUrl}. */
    static JsonValue execute(String managementUrl, String operationJson) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(managementUrl).toURL().openConnection();
        connection.setAuthenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(System.getProperty("manager.user"),
                        System.getProperty("manager.password").toCharArray());
            }
        });
        // A drain's suspend answers once the node's streams have ended; every other operation, which
        // waits behind it, in seconds. Bounded, so that a stream left publishing fails a test, not hangs it.
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(180_000);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream body = connection.getOutputStream()) {
            body.write(operationJson.getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        if (status != 200 && connection.getErrorStream() == null) {
            throw new IllegalStateException("Management operation " + operationJson + " answered " + status + " with no body");
        }
        try (InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            JsonObject response = Json.createReader(in).readObject();
            if (status != 200 || !"success".equals(response.getString("outcome", ""))) {
                throw new IllegalStateException("Management operation failed (" + status + "): " + response);
            }
            return response.getOrDefault("result", JsonValue.NULL);
        }
    }
}
