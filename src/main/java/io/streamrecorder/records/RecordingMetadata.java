package io.streamrecorder.records;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a publisher says about its recording (a customer, a case number), as key-value pairs. They
 * travel to S3 as user metadata ({@code x-amz-meta-<key>}), that is in HTTP headers: keys are
 * lower-case words because S3 lower-cases them anyway, values printable ASCII because S3 would
 * otherwise have to encode them, and the whole fits S3's 2 KB limit on user metadata.
 */
public final class RecordingMetadata {

    public static final RecordingMetadata NONE = new RecordingMetadata(new TreeMap<>());
    public static final int MAX_ENTRIES = 16;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 256;
    /** S3 counts the keys' and values' bytes together against 2 KB. */
    public static final int MAX_TOTAL_LENGTH = 2048;

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final SortedMap<String, String> entries;

    private RecordingMetadata(SortedMap<String, String> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    /** The entries, checked; null or empty is {@link #NONE}. */
    public static RecordingMetadata of(Map<String, String> entries) throws InvalidMetadataException {
        if (entries == null || entries.isEmpty()) {
            return NONE;
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidMetadataException("Metadata has " + entries.size() + " entries; at most " + MAX_ENTRIES
                    + " are allowed");
        }
        int total = 0;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            checkKey(entry.getKey());
            checkValue(entry.getKey(), entry.getValue());
            total += entry.getKey().length() + entry.getValue().length();
        }
        if (total > MAX_TOTAL_LENGTH) {
            throw new InvalidMetadataException("Metadata keys and values together are " + total
                    + " characters; at most " + MAX_TOTAL_LENGTH + " are allowed");
        }
        return new RecordingMetadata(new TreeMap<>(entries));
    }

    /** In key order. */
    public Map<String, String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static void checkKey(String key) throws InvalidMetadataException {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
            throw new InvalidMetadataException("Metadata key '" + printable(key) + "' must be 1 to " + MAX_KEY_LENGTH
                    + " characters a-z, 0-9 and '-', starting with a letter or digit");
        }
    }

    private static void checkValue(String key, String value) throws InvalidMetadataException {
        if (value == null) {
            throw new InvalidMetadataException("Metadata '" + key + "' must have a value");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidMetadataException("Metadata '" + key + "' is longer than " + MAX_VALUE_LENGTH
                    + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidMetadataException("Metadata '" + key + "' may only contain printable ASCII characters"
                        + " (S3 sends metadata in HTTP headers)");
            }
        }
    }

    /** A refused key is echoed back; a hostile one must not carry control characters into a message. */
    private static String printable(String key) {
        if (key == null) {
            return "";
        }
        String shortened = key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) + "..." : key;
        return shortened.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordingMetadata that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
