package io.streamrecorder.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamNamePolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"stream-1", "Camera_2", "a.b", "x"})
    void acceptsPlainNames(String name) throws Exception {
        assertEquals(name, StreamNamePolicy.validate(name));
    }

    @Test
    void acceptsNameOfMaximumLength() throws Exception {
        String name = "a".repeat(StreamNamePolicy.MAX_LENGTH);
        assertEquals(name, StreamNamePolicy.validate(name));
    }

    @Test
    void refusesEmptyName() {
        assertReason("", "Stream name must not be empty");
        assertReason(null, "Stream name must not be empty");
    }

    @Test
    void refusesTooLongName() {
        assertReason("a".repeat(StreamNamePolicy.MAX_LENGTH + 1), "Stream name is longer than 128 characters");
    }

    @Test
    void refusesPathCharacters() {
        assertReason("../x", "Stream name must not contain '/' or '\\'");
        assertReason("a\\b", "Stream name must not contain '/' or '\\'");
    }

    @Test
    void refusesControlCharacters() {
        assertReason("bad\u0001name", "Stream name must not contain control characters");
        assertReason("line\nbreak", "Stream name must not contain control characters");
    }

    @Test
    void refusesLeadingDotSoNoHiddenOrParentNames() {
        assertReason("..", "Stream name must not start with '.'");
        assertReason(".hidden", "Stream name must not start with '.'");
    }

    @Test
    void refusesOtherCharacters() {
        assertReason("white space", "Stream name may only contain letters A-Z, digits, '.', '-' and '_'");
        assertReason("ünïcode", "Stream name may only contain letters A-Z, digits, '.', '-' and '_'");
    }

    private static void assertReason(String name, String reason) {
        InvalidStreamNameException e = assertThrows(InvalidStreamNameException.class, () -> StreamNamePolicy.validate(name));
        assertEquals(reason, e.getMessage());
    }
}
