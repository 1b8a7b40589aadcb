package io.streamrecorder.records;

/**
 * Decides which stream names are acceptable. Names end up in file names, object keys and URLs, so
 * only a conservative alphabet passes; everything else is refused with a reason a user can act on.
 */
public final class StreamNamePolicy {

    public static final int MAX_LENGTH = 128;

    private StreamNamePolicy() {
    }

    /** Returns the name unchanged when it is acceptable. */
    public static String validate(String name) throws InvalidStreamNameException {
        if (name == null || name.isEmpty()) {
            throw new InvalidStreamNameException("Stream name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidStreamNameException("Stream name is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidStreamNameException("Stream name must not contain control characters");
            }
            if (c == '/' || c == '\\') {
                throw new InvalidStreamNameException("Stream name must not contain '/' or '\\'");
            }
            if (!isAllowed(c)) {
                throw new InvalidStreamNameException(
                        "Stream name may only contain letters A-Z, digits, '.', '-' and '_'");
            }
        }
        if (name.charAt(0) == '.') {
            throw new InvalidStreamNameException("Stream name must not start with '.'");
        }
        return name;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.';
    }
}
