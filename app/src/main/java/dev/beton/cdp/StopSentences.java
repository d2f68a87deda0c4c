package dev.beton.cdp;

import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The sentence a run gets when something unexpected stops it. Why a class of its own: a failure of
 * Beton's own database ("JDBC commit failed", seen once inside H2 under load) said only that, and
 * an operator could not tell whether the synced records were lost or what to do. Pages are saved
 * one by one, so what went before stays and the next run redoes the rest.
 */
final class StopSentences {

    private static final String KEPT = " What was synced stays.";
    private static final String RERUN = " What was synced stays; the next run finishes the rest.";

    private StopSentences() {}

    static String of(RuntimeException e) {
        if (e instanceof DataAccessException || e instanceof TransactionException) {
            return "The sync stopped: Beton could not save its progress in its own database ("
                    + withCause((NestedRuntimeException) e) + ")." + RERUN;
        }
        // Not a passing trouble for sure (a fault of Beton's would stop the rerun too): no promise.
        return "The sync stopped: " + firstLine(e.getMessage()) + "." + KEPT;
    }

    private static String withCause(NestedRuntimeException e) {
        String said = firstLine(e.getMessage());
        Throwable cause = e.getMostSpecificCause();
        if (cause == e || cause.getMessage() == null) {
            return said;
        }
        return said + ": " + firstLine(cause.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("");
        line = line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }
}
