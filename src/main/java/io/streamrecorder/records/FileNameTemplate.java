package io.streamrecorder.records;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How finished recordings are named: a template such as {@code {streamName}-{startTime}} with the
 * placeholders {@code {streamName}}, {@code {startTime}}, {@code {endTime}} (UTC, {@code 20261125T101530Z})
 * and {@code {sessionId}}. The literal text may only use the stream-name alphabet, and every value put
 * in is one too, so a rendered name is always a plain file name inside the records directory.
 */
public final class FileNameTemplate {

    public static final String DEFAULT = "{streamName}-{startTime}";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._-]*");

    private final String template;
    private final Pattern parser;

    private FileNameTemplate(String template, Pattern parser) {
        this.template = template;
        this.parser = parser;
    }

    /** @throws IllegalArgumentException naming what is wrong with the template */
    public static FileNameTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("The file-name template is empty");
        }
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int literalStart = 0;
        boolean unique = false;
        boolean streamSeen = false;
        while (placeholder.find()) {
            regex.append(literal(template.substring(literalStart, placeholder.start())));
            switch (placeholder.group(1)) {
                case "streamName" -> {
                    regex.append(streamSeen ? "\\k<stream>" : "(?<stream>[A-Za-z0-9._-]+?)");
                    streamSeen = true;
                }
                case "startTime", "endTime" -> regex.append("\\d{8}T\\d{6}Z");
                case "sessionId" -> regex.append("[A-Za-z0-9-]+");
                default -> throw new IllegalArgumentException("Unknown placeholder {" + placeholder.group(1)
                        + "} in the file-name template; use {streamName}, {startTime}, {endTime} or {sessionId}");
            }
            unique |= !placeholder.group(1).equals("endTime");
            literalStart = placeholder.end();
        }
        regex.append(literal(template.substring(literalStart)));
        if (!unique) {
            throw new IllegalArgumentException("The file-name template needs {streamName}, {startTime} or {sessionId}: "
                    + template);
        }
        if (template.startsWith(".")) {
            throw new IllegalArgumentException("The file-name template must not start with '.': " + template);
        }
        // A counter tells apart two recordings that would get the same name.
        return new FileNameTemplate(template, Pattern.compile(regex + "(?:-\\d+)?\\.mp4"));
    }

    /** Whether a recording's name is known when it starts: the template does not name its end. */
    boolean knownAtStart() {
        return !template.contains("{endTime}");
    }

    /** The file's base name (without counter and suffix) for the given values. */
    String render(String streamName, Instant startTime, Instant endTime, String sessionId) {
        return template.replace("{streamName}", streamName)
                .replace("{startTime}", TIME.format(startTime))
                .replace("{endTime}", TIME.format(endTime))
                .replace("{sessionId}", sessionId);
    }

    /** The stream a finished recording belongs to, when its name follows this template and says so. */
    public Optional<String> streamNameOf(String fileName) {
        Matcher matcher = parser.matcher(fileName);
        return matcher.matches() && template.contains("{streamName}") ? Optional.of(matcher.group("stream"))
                : Optional.empty();
    }

    private static String literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            throw new IllegalArgumentException("The file-name template may only contain letters A-Z, digits, '.', '-', '_'"
                    + " and placeholders: '" + text + "' is not allowed");
        }
        return Pattern.quote(text).replace("\\Q\\E", "");
    }

    @Override
    public String toString() {
        return template;
    }
}
