package dev.beton.inspector;

import dev.beton.signals.SignalType;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What pages show for a signal type: the key for the eight (as the PRD and the settings name
 * them), the rule's name and the key for a custom type, so people recognise the rule they
 * promoted. Templates call {@code ${@signalLabels.of(current.id, type)}}.
 */
@Component("signalLabels")
public class SignalLabels {

    private static final String PER_REQUEST = SignalLabels.class.getName() + ".labels.";

    private final CustomSignals customSignals;

    SignalLabels(CustomSignals customSignals) {
        this.customSignals = customSignals;
    }

    /** A custom type whose promotion is gone (demoted, rule deleted) shows its key alone. */
    public String of(long workspaceId, SignalType type) {
        if (type.isBuiltIn()) {
            return type.key();
        }
        String label = labels(workspaceId).get(type.key());
        return label == null ? type.key() : label + " (" + type.key() + ")";
    }

    /**
     * The workspace's promotions, read once per web request: a page calls {@link #of} for every
     * row, and a query per custom-signal row made a long signals page as many small queries.
     * Outside a request (a job, a test) they are read each time.
     */
    private Map<String, String> labels(long workspaceId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return customSignals.labels(workspaceId);
        }
        String name = PER_REQUEST + workspaceId;
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) request.getAttribute(name, RequestAttributes.SCOPE_REQUEST);
        if (labels == null) {
            labels = customSignals.labels(workspaceId);
            request.setAttribute(name, labels, RequestAttributes.SCOPE_REQUEST);
        }
        return labels;
    }
}
