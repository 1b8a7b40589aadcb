package io.streamrecorder.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileNameTemplateTest {

    private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");
    private static final Instant END = Instant.parse("2026-11-25T11:00:05Z");

    @Test
    void rendersEveryPlaceholder() {
        FileNameTemplate template = FileNameTemplate.parse("{streamName}_{startTime}_{endTime}_{sessionId}");
        assertEquals("cam_20261125T101530Z_20261125T110005Z_9f00aa", template.render("cam", START, END, "9f00aa"));
    }

    @Test
    void refusesTemplatesThatCouldLeaveTheDirectoryOrCollide() {
        assertThrows(IllegalArgumentException.class, () -> FileNameTemplate.parse("../{streamName}"));
        assertThrows(IllegalArgumentException.class, () -> FileNameTemplate.parse("a/{streamName}"));
        assertThrows(IllegalArgumentException.class, () -> FileNameTemplate.parse(".{streamName}"));
        assertThrows(IllegalArgumentException.class, () -> FileNameTemplate.parse("{streamName} {startTime}"));
        assertThrows(IllegalArgumentException.class, () -> FileNameTemplate.parse("{stream}"));
        assertThrows(IllegalArgumentException.class, () -> FileNameTemplate.parse("{endTime}"));
        assertThrows(IllegalArgumentException.class, () -> FileNameTemplate.parse(""));
    }

    @Test
    void readsTheStreamNameBackFromAFileName() {
        FileNameTemplate byDefault = FileNameTemplate.parse(FileNameTemplate.DEFAULT);
        assertEquals("cam-1", byDefault.streamNameOf("cam-1-20261125T101530Z.mp4").orElseThrow());
        assertEquals("cam", byDefault.streamNameOf("cam-20261125T101530Z-2.mp4").orElseThrow());
        assertTrue(byDefault.streamNameOf("cam.mp4").isEmpty());

        FileNameTemplate sessionFirst = FileNameTemplate.parse("{sessionId}.{streamName}.{endTime}");
        assertEquals("lobby.cam", sessionFirst.streamNameOf("ab12.lobby.cam.20261125T110005Z.mp4").orElseThrow());

        FileNameTemplate twice = FileNameTemplate.parse("{streamName}-{startTime}-{streamName}");
        assertEquals("cam", twice.streamNameOf("cam-20261125T101530Z-cam.mp4").orElseThrow());

        assertTrue(FileNameTemplate.parse("rec-{startTime}").streamNameOf("rec-20261125T101530Z.mp4").isEmpty());
    }
}
