package dev.beton.accounts;

import dev.beton.detection.AccountScore;
import dev.beton.detection.AccountSignals;
import dev.beton.detection.SignalHistory;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts of the caller's workspace by current score, and one account's receipt and signal history. */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountsApi {

    private final SignalHistory history;

    AccountsApi(SignalHistory history) {
        this.history = history;
    }

    /** One page of accounts; {@code page} counts from 0. */
    record AccountPage(List<AccountScore> items, int page, int size, long total) {}

    @GetMapping
    AccountPage list(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        List<AccountScore> all = history.accounts(workspace.id());
        int limit = Math.max(1, Math.min(size, 500));
        int from = Math.min(all.size(), SignalHistory.offsetOf(page, limit));
        int to = Math.min(all.size(), from + limit);
        return new AccountPage(all.subList(from, to), Math.max(0, page), limit, all.size());
    }

    @GetMapping("/{key}")
    AccountSignals one(CurrentWorkspace workspace, @PathVariable String key) {
        return history.account(workspace.id(), key)
                .orElseThrow(
                        () -> ProblemException.notFound("No signals for account '" + key + "' in this workspace."));
    }
}
