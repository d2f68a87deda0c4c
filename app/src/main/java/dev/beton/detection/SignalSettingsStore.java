package dev.beton.detection;

import dev.beton.signals.SettingsError;
import dev.beton.signals.SignalSettings;
import dev.beton.store.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each workspace's {@link SignalSettings}, stored as JSON in Beton's database. A workspace that
 * never saved any uses {@link SignalSettings#defaults()}; invalid settings are never stored.
 */
@Service
public class SignalSettingsStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    SignalSettingsStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public SignalSettings current(long workspaceId) {
        return jdbc.sql("SELECT settings FROM signal_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, SignalSettings.class))
                .orElseGet(SignalSettings::defaults);
    }

    /**
     * Stores the settings when they are valid.
     *
     * @return the problems, one per field; empty when the settings were stored
     */
    public List<SettingsError> save(long workspaceId, SignalSettings settings) {
        List<SettingsError> errors = settings.errors();
        if (!errors.isEmpty()) {
            return errors;
        }
        String text = json.writeValueAsString(settings);
        int updated = jdbc.sql("UPDATE signal_settings SET settings = ?, updated_at = ? WHERE workspace_id = ?")
                .params(text, Timestamps.of(clock.instant()), workspaceId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO signal_settings (workspace_id, settings, updated_at) VALUES (?, ?, ?)")
                    .params(workspaceId, text, Timestamps.of(clock.instant()))
                    .update();
        }
        return List.of();
    }

    /** Settings, or a part of them, as indented JSON text for display. */
    public String toJson(Object settings) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(settings);
    }

    /** Parses settings JSON; empty when it is not a settings document at all. */
    public Optional<SignalSettings> parse(String text) {
        try {
            return Optional.ofNullable(json.readValue(text, SignalSettings.class));
        } catch (RuntimeException notSettings) {
            return Optional.empty();
        }
    }
}
