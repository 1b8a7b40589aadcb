package io.streamrecorder.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Looks a setting up by its property name; the seam that lets tests supply their own values. */
@FunctionalInterface
interface SettingSource {

    Optional<String> get(String name);

    default int getInt(String name, int defaultValue) {
        return get(name).map(value -> parseInt(name, value)).orElse(defaultValue);
    }

    static SettingSource system() {
        return of(System::getProperty, System::getenv);
    }

    static SettingSource of(Function<String, String> properties, Function<String, String> environment) {
        return name -> {
            String value = properties.apply(name);
            if (value == null) {
                value = environment.apply(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
        };
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + name + " must be a whole number, was '" + value + "'", e);
        }
    }
}
