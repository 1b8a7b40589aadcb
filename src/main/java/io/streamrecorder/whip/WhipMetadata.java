package io.streamrecorder.whip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WHIP publish's metadata: query parameters {@code meta.<key>=<value>} on the endpoint's URL,
 * because that URL is all OBS and most encoders let a user set (besides the bearer token). Other
 * parameters are left alone; what keys and values may be is the registry's to say.
 */
final class WhipMetadata {

    static final String PREFIX = "meta.";

    private WhipMetadata() {
    }

    static Map<String, String> of(Map<String, String[]> parameters) throws MalformedQueryException {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (!parameter.getKey().startsWith(PREFIX)) {
                continue;
            }
            if (parameter.getValue().length != 1) {
                throw new MalformedQueryException("Query parameter '" + parameter.getKey() + "' is given more than once");
            }
            metadata.put(parameter.getKey().substring(PREFIX.length()), parameter.getValue()[0]);
        }
        return metadata;
    }

    /** A malformed query: the publish is refused as a bad request. */
    static final class MalformedQueryException extends Exception {

        MalformedQueryException(String message) {
            super(message);
        }
    }
}
