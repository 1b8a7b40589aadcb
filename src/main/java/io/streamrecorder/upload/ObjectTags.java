package io.streamrecorder.upload;

import io.streamrecorder.records.RecordingMetadata;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tags put on every object, from {@code streamrecorder.upload.tags}: {@code key=value&key=value}
 * with {@code {streamName}}, {@code {fileName}} and {@code {meta.<key>}} replaced, e.g.
 * {@code customer={meta.customer}&source=stream-recorder}. S3 allows 10 tags of 128-character keys
 * and 256-character values drawn from letters, digits, spaces and {@code + - = . _ : / @}; what a
 * publisher's metadata brings beyond that is replaced by {@code _}, and a tag whose value comes out
 * empty (metadata the publisher did not give) is left off.
 */
record ObjectTags(String template) {

    static final int MAX_TAGS = 10;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9 +\\-=._:/@]");

    ObjectTags {
        List<String> pairs = pairs(template);
        if (pairs.size() > MAX_TAGS) {
            throw new IllegalArgumentException("streamrecorder.upload.tags has " + pairs.size() + " tags; S3 allows "
                    + MAX_TAGS);
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("streamrecorder.upload.tags: '" + pair + "' is not key=value");
            }
            Matcher placeholders = PLACEHOLDER.matcher(pair);
            while (placeholders.find()) {
                String name = placeholders.group(1);
                if (!name.equals("streamName") && !name.equals("fileName") && !name.startsWith("meta.")) {
                    throw new IllegalArgumentException("streamrecorder.upload.tags: unknown placeholder {" + name
                            + "}; use {streamName}, {fileName} or {meta.<key>}");
                }
            }
        }
    }

    /** The {@code x-amz-tagging} value: URL-encoded, as S3 wants it; empty when no tag has a value. */
    String render(String streamName, String fileName, RecordingMetadata metadata) {
        List<String> tags = new ArrayList<>();
        for (String pair : pairs(template)) {
            int equals = pair.indexOf('=');
            String key = fill(pair.substring(0, equals), streamName, fileName, metadata, MAX_KEY_LENGTH);
            String value = fill(pair.substring(equals + 1), streamName, fileName, metadata, MAX_VALUE_LENGTH);
            if (!key.isEmpty() && !value.isEmpty()) {
                tags.add(encode(key) + "=" + encode(value));
            }
        }
        return String.join("&", tags);
    }

    private static String fill(String text, String streamName, String fileName, RecordingMetadata metadata, int maxLength) {
        Matcher placeholders = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (placeholders.find()) {
            String name = placeholders.group(1);
            String value = switch (name) {
                case "streamName" -> streamName;
                case "fileName" -> fileName;
                default -> metadata.entries().getOrDefault(name.substring("meta.".length()), "");
            };
            placeholders.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(filled);
        String allowed = NOT_ALLOWED.matcher(filled).replaceAll("_").strip();
        return allowed.length() <= maxLength ? allowed : allowed.substring(0, maxLength);
    }

    private static List<String> pairs(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("streamrecorder.upload.tags must not be empty when set");
        }
        return List.of(template.strip().split("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
