package io.streamrecorder.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadSettingsTest {

    private static UploadConfig config(Map<String, String> settings) {
        return new UploadConfig(SettingSource.of(settings::get, name -> null));
    }

    @Test
    void uploadsAfterStopUnlessToldToUploadWhileRecording() {
        assertEquals(UploadMode.AFTER_STOP, config(Map.of()).uploadMode());
        assertEquals(UploadMode.WHILE_RECORDING, config(Map.of("streamrecorder.upload.mode", "while-recording")).uploadMode());
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> config(Map.of("streamrecorder.upload.mode", "later")).uploadMode());
        assertTrue(wrong.getMessage().contains("while-recording or after-stop"), wrong.getMessage());
    }

    @Test
    void paceTakesFractionsOfAMebibytePerSecond() {
        assertEquals(0, config(Map.of()).uploadBytesPerSecond(), "no limit");
        assertEquals(157_286, config(Map.of("streamrecorder.upload.max-mib-per-second", "0.15")).uploadBytesPerSecond());
        assertEquals(8 * 1024 * 1024, config(Map.of("streamrecorder.upload.max-mib-per-second", "8")).uploadBytesPerSecond());
        assertThrows(IllegalStateException.class,
                () -> config(Map.of("streamrecorder.upload.max-mib-per-second", "fast")).uploadBytesPerSecond());
        assertThrows(IllegalStateException.class,
                () -> config(Map.of("streamrecorder.upload.max-mib-per-second", "-1")).uploadBytesPerSecond());
    }
}
