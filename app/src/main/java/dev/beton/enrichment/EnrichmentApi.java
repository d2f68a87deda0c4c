package dev.beton.enrichment;

import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Firmographics of the workspace's accounts, and the demo's simulated enrichment. */
@RestController
@RequestMapping("/api/v1/enrichment")
class EnrichmentApi {

    private final AccountEnrichment enrichment;

    EnrichmentApi(AccountEnrichment enrichment) {
        this.enrichment = enrichment;
    }

    /** Every enriched account, each with its {@code source} (ATTIO or SIMULATED). */
    @GetMapping
    List<Firmographics> all(CurrentWorkspace workspace) {
        return List.copyOf(enrichment.all(workspace.id()).values());
    }

    /** Simulates firmographics for every account (deterministic; labelled simulated). */
    @PostMapping("/simulated")
    Map<String, Integer> simulate(CurrentWorkspace workspace) {
        return Map.of("accounts", enrichment.simulate(workspace.id()));
    }

    @DeleteMapping("/simulated")
    ResponseEntity<Void> clear(CurrentWorkspace workspace) {
        enrichment.clearSimulated(workspace.id());
        return ResponseEntity.noContent().build();
    }
}
