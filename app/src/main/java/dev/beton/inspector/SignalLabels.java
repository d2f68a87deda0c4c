package dev.beton.inspector;

import dev.beton.signals.SignalType;
import org.springframework.stereotype.Component;

/**
 * What pages show for a signal type: the key for the eight (as the PRD and the settings name
 * them), the rule's name and the key for a custom type, so people recognise the rule they
 * promoted. Templates call {@code ${@signalLabels.of(current.id, type)}}.
 */
@Component("signalLabels")
public class SignalLabels {

    private final CustomSignals customSignals;

    SignalLabels(CustomSignals customSignals) {
        this.customSignals = customSignals;
    }

    /** A custom type whose promotion is gone (demoted, rule deleted) shows its key alone. */
    public String of(long workspaceId, SignalType type) {
        if (type.isBuiltIn()) {
            return type.key();
        }
        String label = customSignals.labels(workspaceId).get(type.key());
        return label == null ? type.key() : label + " (" + type.key() + ")";
    }
}
