package dev.beton.cdp;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "CRM → analytics" section of the Connections page, loaded into it by htmx (so the page's
 * own controller needs no knowledge of this feature): counts per object, the last run's sentence,
 * what PostHog has taken, and a "Sync now" button for admins.
 */
@Controller
class CdpSection {

    private static final String CONNECTIONS = "/settings/connections";

    private final CdpStatus status;
    private final CdpSync sync;
    private final CdpDelivery delivery;

    CdpSection(CdpStatus status, CdpSync sync, CdpDelivery delivery) {
        this.status = status;
        this.sync = sync;
        this.delivery = delivery;
    }

    @GetMapping(CONNECTIONS + "/crm-sync")
    String section(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("cdp", status.state(current.id()));
        return "cdp-section :: section";
    }

    @PostMapping(CONNECTIONS + "/crm-sync")
    String run(CurrentWorkspace current, RedirectAttributes redirect) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can sync the CRM to analytics.");
        }
        try {
            CdpSync.Result result = sync.run(current.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
            if (result.queuedForPostHog() > 0) {
                delivery.soon();
            }
        } catch (ProblemException e) {
            // The section shows the last run's sentence; a refusal (not connected, already running) is not a run.
            redirect.addAttribute("crm_sync_problem", e.toProblemDetail().getDetail());
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + CONNECTIONS + "#crm-sync";
    }
}
