package dev.beton.signals;

import java.util.List;

/** Range checks shared by the parts of {@link SignalSettings}. */
final class SettingsChecks {

    private SettingsChecks() {}

    static void range(List<SettingsError> errors, String field, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new SettingsError(field, "must be between " + min + " and " + max + ", got " + value));
        }
    }
}
