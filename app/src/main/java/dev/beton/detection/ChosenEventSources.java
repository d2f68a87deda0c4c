package dev.beton.detection;

import org.springframework.stereotype.Component;

/** {@link WorkspaceEventSources} over detection's own choice of source, so both read the same data. */
@Component
class ChosenEventSources implements WorkspaceEventSources {

    private final DetectionSources sources;

    ChosenEventSources(DetectionSources sources) {
        this.sources = sources;
    }

    @Override
    public Opened open(long workspaceId) {
        DetectionSource source = sources.of(workspaceId);
        return new Opened(source.dialect(), source::companyIndex, source.runner(), source.description());
    }
}
