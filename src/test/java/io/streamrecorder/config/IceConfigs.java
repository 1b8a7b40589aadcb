package io.streamrecorder.config;

import java.util.Map;

/** ICE settings from a map, for tests in other packages. */
public final class IceConfigs {

    private IceConfigs() {
    }

    public static IceConfig of(Map<String, String> settings) {
        return new IceConfig(SettingSource.of(settings::get, name -> null));
    }
}
