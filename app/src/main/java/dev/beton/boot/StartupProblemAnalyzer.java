package dev.beton.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link StartupProblem} anywhere in the cause chain into Boot's short failure report. */
class StartupProblemAnalyzer extends AbstractFailureAnalyzer<StartupProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupProblem problem) {
        return new FailureAnalysis(problem.getMessage(), problem.action(), problem);
    }
}
