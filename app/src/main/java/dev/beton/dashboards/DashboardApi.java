package dev.beton.dashboards;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 000's dashboard routes: the dashboards with their tiles' numbers, a tile as CSV, and
 * provisioning into PostHog with its registry.
 */
@RestController
class DashboardApi {

    private final Dashboards dashboards;
    private final Provisioner provisioner;

    DashboardApi(Dashboards dashboards, Provisioner provisioner) {
        this.dashboards = dashboards;
        this.provisioner = provisioner;
    }

    record Summary(String id, int version, String title, String description, String refresh, List<String> tiles) {}

    @GetMapping("/api/v1/dashboards")
    List<Summary> list() {
        return DashboardCatalog.all().stream()
                .map(d -> new Summary(
                        d.id(),
                        d.version(),
                        d.title(),
                        d.description(),
                        d.refreshText(),
                        d.tiles().stream().map(TileDefinition::id).toList()))
                .toList();
    }

    @GetMapping("/api/v1/dashboards/registry")
    Map<String, Object> registry(CurrentWorkspace current) {
        return Map.of("items", provisioner.registry(current.id()), "migrations", provisioner.migrations(current.id()));
    }

    @PostMapping("/api/v1/dashboards/provision")
    ResponseEntity<ProvisionResult> provision(CurrentWorkspace current) {
        requireAdmin(current);
        ProvisionResult result = provisioner.provision(current.id());
        // Partial success is still 200 (each dashboard says how it went); nothing done is 502.
        boolean nothing = result.dashboards().stream().allMatch(d -> "failed".equals(d.action()));
        return ResponseEntity.status(result.success() || !nothing ? 200 : 502).body(result);
    }

    @GetMapping("/api/v1/dashboards/{id}")
    DashboardView dashboard(
            CurrentWorkspace current,
            @PathVariable String id,
            @RequestParam(required = false) Integer period,
            @RequestParam(defaultValue = "false") boolean refresh) {
        return dashboards.view(current.id(), id, Optional.ofNullable(period), refresh);
    }

    @GetMapping(value = "/api/v1/dashboards/{id}/tiles/{tile}.csv", produces = "text/csv")
    ResponseEntity<String> csv(
            CurrentWorkspace current,
            @PathVariable String id,
            @PathVariable String tile,
            @RequestParam(required = false) Integer period) {
        TileView view = dashboards.tile(current.id(), id, tile, Optional.ofNullable(period));
        if (!view.ok()) {
            throw ProblemException.conflict(
                    view.missing().isEmpty()
                            ? view.error().orElse("The tile has no numbers.")
                            : view.missing().getFirst().message());
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id + "-" + tile + ".csv")
                                .build()
                                .toString())
                .body(view.csv());
    }

    /** The accounts behind one element of a chart tile (a signal type, a week, a bucket, a source, a feature). */
    @GetMapping("/api/v1/dashboards/{id}/tiles/{tile}/accounts")
    DrillView drill(
            CurrentWorkspace current,
            @PathVariable String id,
            @PathVariable String tile,
            @RequestParam(defaultValue = "") String value,
            @RequestParam(required = false) Integer period) {
        return dashboards.drill(current.id(), id, tile, value, Optional.ofNullable(period));
    }

    @GetMapping(value = "/api/v1/dashboards/{id}/tiles/{tile}/accounts.csv", produces = "text/csv")
    ResponseEntity<String> drillCsv(
            CurrentWorkspace current,
            @PathVariable String id,
            @PathVariable String tile,
            @RequestParam(defaultValue = "") String value,
            @RequestParam(required = false) Integer period) {
        DrillView view = dashboards.drill(current.id(), id, tile, value, Optional.ofNullable(period));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id + "-" + tile + "-accounts.csv")
                                .build()
                                .toString())
                .body(view.csv());
    }

    @DeleteMapping("/api/v1/dashboards/{id}")
    Map<String, Object> delete(CurrentWorkspace current, @PathVariable String id) {
        requireAdmin(current);
        try {
            if (!provisioner.remove(current.id(), id)) {
                throw ProblemException.notFound("Dashboard " + id + " is not provisioned in this workspace's PostHog.");
            }
        } catch (dev.beton.posthog.PostHogException | dev.beton.connections.PostHogNotConnected e) {
            throw ProblemException.conflict(ProvisionFailures.sentence(e));
        }
        return Map.of("deleted", true, "dashboard_id", id);
    }

    static void requireAdmin(CurrentWorkspace current) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can provision dashboards into PostHog.");
        }
    }
}
