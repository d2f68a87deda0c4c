package dev.beton.cdp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/attio/sync/cdp} (seed 000's CDP sync) and its status, mapping and example
 * query. The per-object counts are also part of {@code GET /api/v1/attio/sync/status} ({@code cdp}).
 */
@RestController
@RequestMapping("/api/v1/attio/sync/cdp")
class CdpApi {

    private final CdpSync sync;
    private final CdpStatus status;
    private final CdpSettings settings;
    private final CdpDelivery delivery;
    private final FeatureAdoption adoption;

    CdpApi(CdpSync sync, CdpStatus status, CdpSettings settings, CdpDelivery delivery, FeatureAdoption adoption) {
        this.sync = sync;
        this.status = status;
        this.settings = settings;
        this.delivery = delivery;
        this.adoption = adoption;
    }

    record SyncRequest(
            Boolean full, @JsonProperty("dry_run") Boolean dryRun) {}

    @PostMapping
    CdpSync.Result run(CurrentWorkspace current, @RequestBody(required = false) SyncRequest request) {
        boolean full = request != null && Boolean.TRUE.equals(request.full());
        boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
        if (!dryRun && !current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can sync the CRM to analytics.");
        }
        CdpSync.Result result = sync.run(current.id(), new CdpSync.Options(full, dryRun), CdpSync.Progress.NONE);
        if (result.queuedForPostHog() > 0 && !dryRun) {
            delivery.soon();
        }
        return result;
    }

    @GetMapping
    CdpStatus.State status(CurrentWorkspace current) {
        return status.state(current.id());
    }

    record MappingBody(Map<String, String> companies, Map<String, String> people) {}

    record MappingAnswer(MappingBody overrides, MappingBody effective) {}

    @GetMapping("/mapping")
    MappingAnswer mapping(CurrentWorkspace current) {
        return answer(current.id());
    }

    /** Changes on top of the defaults; an empty property removes an attribute from what is sent. */
    @PutMapping("/mapping")
    MappingAnswer setMapping(CurrentWorkspace current, @RequestBody MappingBody body) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can change the CRM mapping.");
        }
        try {
            settings.saveOverrides(
                    current.id(),
                    new CdpMapping(
                            body.companies() == null ? Map.of() : body.companies(),
                            body.people() == null ? Map.of() : body.people()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return answer(current.id());
    }

    private MappingAnswer answer(long workspaceId) {
        CdpMapping overrides = settings.overrides(workspaceId);
        CdpMapping effective = overrides.over(CdpMapping.defaults());
        return new MappingAnswer(
                new MappingBody(overrides.companies(), overrides.people()),
                new MappingBody(effective.companies(), effective.people()));
    }

    record AdoptionAnswer(
            @JsonProperty("min_deal_value") double minDealValue,
            int days,
            @JsonProperty("as_of") String asOf,
            int companies,
            String sql,
            List<FeatureAdoption.Row> features) {}

    /** The docs' example: feature adoption among companies whose Attio deals exceed a value, on the embedded store. */
    @GetMapping("/examples/feature-adoption")
    AdoptionAnswer featureAdoption(
            CurrentWorkspace current,
            @RequestParam(name = "min_deal_value", defaultValue = "100000") double minDealValue,
            @RequestParam(defaultValue = "30") int days,
            @RequestParam(name = "as_of", required = false) java.time.Instant asOf) {
        if (days < 1 || days > 365) {
            throw ProblemException.badRequest("days must be between 1 and 365.");
        }
        FeatureAdoption.Answer answer = adoption.run(current.id(), minDealValue, days, asOf);
        return new AdoptionAnswer(
                minDealValue, days, answer.asOf().toString(), answer.companies(), answer.sql(), answer.rows());
    }
}
