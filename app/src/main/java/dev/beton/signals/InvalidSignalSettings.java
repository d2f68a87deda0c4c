package dev.beton.signals;

import java.util.List;
import java.util.stream.Collectors;

/** Signal settings that cannot be used; {@link #errors()} names every offending field. */
public final class InvalidSignalSettings extends IllegalArgumentException {

    private final List<SettingsError> errors;

    InvalidSignalSettings(List<SettingsError> errors) {
        super("Invalid signal settings: "
                + errors.stream().map(SettingsError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<SettingsError> errors() {
        return errors;
    }
}
