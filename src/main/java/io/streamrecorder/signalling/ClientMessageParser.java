package io.streamrecorder.signalling;

import io.streamrecorder.publishing.PublishRequest;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a text frame into a typed {@link ClientMessage}, or says precisely what is wrong with it. This
 * is the only place that sees raw JSON from the browser.
 */
public final class ClientMessageParser {

    static final int MAX_CANDIDATE_LENGTH = 1024;
    /** A token is the stream name, an expiry and a signature. */
    static final int MAX_TOKEN_LENGTH = 512;

    public ClientMessage parse(String text) throws MalformedMessageException {
        JsonObject json = readObject(text);
        String type = requiredString(json, "type", 32);
        ClientMessageType messageType = ClientMessageType.fromWire(type)
                .orElseThrow(() -> new MalformedMessageException("Unknown message type '" + type + "'"));
        // The name is checked for policy later; here only that it is a string of sane length, so
        // that the FAILED reply can name the stream.
        String streamName = requiredString(json, "streamName", 4096);
        return switch (messageType) {
            case ICE_SERVERS -> new ClientMessage.IceServers(streamName, optionalString(json, "token", MAX_TOKEN_LENGTH));
            case PUBLISH -> new ClientMessage.Publish(streamName, optionalBoolean(json, "record", true),
                    requiredString(json, "sdp", PublishRequest.MAX_SDP_LENGTH), optionalString(json, "token", MAX_TOKEN_LENGTH),
                    optionalStrings(json, "metadata"));
            case ICE -> new ClientMessage.Ice(streamName, requiredString(json, "candidate", MAX_CANDIDATE_LENGTH),
                    optionalString(json, "sdpMid", 64), optionalInt(json, "sdpMLineIndex", 0, 0, 63));
            case PAUSE -> new ClientMessage.Pause(streamName);
            case RESUME -> new ClientMessage.Resume(streamName);
            case STOP -> new ClientMessage.Stop(streamName);
        };
    }

    private static JsonObject readObject(String text) throws MalformedMessageException {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedMessageException("A message must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new MalformedMessageException("Message is not valid JSON");
        }
    }

    private static String requiredString(JsonObject json, String field, int maxLength)
            throws MalformedMessageException {
        String value = optionalString(json, field, maxLength);
        if (value == null) {
            throw new MalformedMessageException("Field '" + field + "' is missing");
        }
        return value;
    }

    private static String optionalString(JsonObject json, String field, int maxLength)
            throws MalformedMessageException {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new MalformedMessageException("Field '" + field + "' must be a string");
        }
        if (string.getString().length() > maxLength) {
            throw new MalformedMessageException("Field '" + field + "' is longer than " + maxLength + " characters");
        }
        return string.getString();
    }

    /** An object of strings; what its keys and values may be is the registry's to say. */
    private static Map<String, String> optionalStrings(JsonObject json, String field) throws MalformedMessageException {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw new MalformedMessageException("Field '" + field + "' must be an object of strings");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!(entry.getValue() instanceof JsonString string)) {
                throw new MalformedMessageException("Field '" + field + "' must be an object of strings");
            }
            strings.put(entry.getKey(), string.getString());
        }
        return strings;
    }

    private static boolean optionalBoolean(JsonObject json, String field, boolean defaultValue)
            throws MalformedMessageException {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return defaultValue;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw new MalformedMessageException("Field '" + field + "' must be true or false");
        };
    }

    private static int optionalInt(JsonObject json, String field, int defaultValue, int min, int max)
            throws MalformedMessageException {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return defaultValue;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigDecimalValue().compareTo(BigDecimal.valueOf(min)) < 0
                || number.bigDecimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new MalformedMessageException("Field '" + field + "' must be a whole number from " + min + " to " + max);
        }
        return number.intValue();
    }
}
