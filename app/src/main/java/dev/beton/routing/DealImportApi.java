package dev.beton.routing;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/crm/deals/import}: a deal CSV file (the body, {@code text/csv}) into the CRM
 * mirror, the running Beton's counterpart of {@code ./beton import --deals}. Admins only.
 */
@RestController
class DealImportApi {

    private final DealCsvImport deals;

    DealImportApi(DealCsvImport deals) {
        this.deals = deals;
    }

    record Answer(long read, long stored, long rejected, List<String> errors) {}

    @PostMapping(
            value = "/api/v1/crm/deals/import",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    Answer upload(CurrentWorkspace current, HttpServletRequest request) throws IOException {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can import deals.");
        }
        try {
            DealCsvImport.Summary summary =
                    deals.importCsv(current.id(), request.getInputStream(), DealCsvImport.Listener.NONE);
            return new Answer(summary.read(), summary.stored(), summary.rejected(), summary.errors());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
