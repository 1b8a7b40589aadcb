package io.streamrecorder.upload;

/**
 * Turns a recording into its object key, e.g. {@code {streamName}/{fileName}}. Stream and file
 * names have passed the stream name policy, so keys contain no surprises.
 */
public record ObjectKeyTemplate(String template) {

    public ObjectKeyTemplate {
        if (template == null || !template.contains("{fileName}")) {
            throw new IllegalArgumentException("The key template must contain {fileName}, was '" + template + "'");
        }
        if (template.startsWith("/")) {
            throw new IllegalArgumentException("The key template must not start with '/', was '" + template + "'");
        }
    }

    public String keyFor(String streamName, String fileName) {
        return template.replace("{streamName}", streamName).replace("{fileName}", fileName);
    }
}
