package io.streamrecorder.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordingMetadataTest {

    @Test
    void keepsWhatS3CanCarryInKeyOrder() throws Exception {
        RecordingMetadata metadata = RecordingMetadata.of(Map.of("customer", "ACME Ltd. (Berlin)", "case-42", "x=1; y=\"2\""));
        assertEquals(List.of("case-42", "customer"), List.copyOf(metadata.entries().keySet()));
    }

    @Test
    void treatsNothingAsNone() throws Exception {
        assertSame(RecordingMetadata.NONE, RecordingMetadata.of(Map.of()));
        assertSame(RecordingMetadata.NONE, RecordingMetadata.of(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Customer|x|Metadata key 'Customer' must be 1 to 64 characters a-z, 0-9 and '-', starting with a letter or digit",
        "-lead|x|Metadata key '-lead' must be 1 to 64 characters a-z, 0-9 and '-', starting with a letter or digit",
        "with space|x|Metadata key 'with space' must be 1 to 64 characters a-z, 0-9 and '-', starting with a letter or digit",
        "city|Zürich|Metadata 'city' may only contain printable ASCII characters (S3 sends metadata in HTTP headers)",
    })
    void refusesWhatCannotTravelInAnHttpHeader(String key, String value, String reason) {
        InvalidMetadataException e = assertThrows(InvalidMetadataException.class, () -> RecordingMetadata.of(Map.of(key, value)));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void refusesControlCharactersWithoutEchoingThem() {
        InvalidMetadataException key = assertThrows(InvalidMetadataException.class,
                () -> RecordingMetadata.of(Map.of("a\nb", "x")));
        assertEquals("Metadata key 'a?b' must be 1 to 64 characters a-z, 0-9 and '-', starting with a letter or digit",
                key.getMessage());
        InvalidMetadataException value = assertThrows(InvalidMetadataException.class,
                () -> RecordingMetadata.of(Map.of("note", "line\r\nX-Injected: 1")));
        assertEquals("Metadata 'note' may only contain printable ASCII characters (S3 sends metadata in HTTP headers)",
                value.getMessage());
    }

    @Test
    void boundsEntriesValuesAndTheWhole() {
        Map<String, String> seventeen = IntStream.range(0, 17).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
        assertEquals("Metadata has 17 entries; at most 16 are allowed",
                assertThrows(InvalidMetadataException.class, () -> RecordingMetadata.of(seventeen)).getMessage());
        assertEquals("Metadata 'long' is longer than 256 characters",
                assertThrows(InvalidMetadataException.class, () -> RecordingMetadata.of(Map.of("long", "x".repeat(257))))
                        .getMessage());
        Map<String, String> large = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            large.put("key" + i, "x".repeat(250));
        }
        assertEquals("Metadata keys and values together are 2286 characters; at most 2048 are allowed",
                assertThrows(InvalidMetadataException.class, () -> RecordingMetadata.of(large)).getMessage());
    }
}
