package dev.beton.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips PostgreSQL tests, with the reason in the report, when no test database is configured;
 * under {@code CI=true} they run anyway and fail loudly, because CI must prove PostgreSQL works.
 */
public class PostgresAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (TestStores.postgresUrl().isPresent()) {
            return ConditionEvaluationResult.enabled(TestStores.POSTGRES_ENV + " is set");
        }
        if (TestStores.underCi()) {
            return ConditionEvaluationResult.enabled("CI=true: PostgreSQL is required");
        }
        return ConditionEvaluationResult.disabled(TestStores.POSTGRES_ENV
                + " is not set, so the PostgreSQL variant is skipped (e.g. export "
                + TestStores.POSTGRES_ENV + "=jdbc:postgresql://127.0.0.1:5432/beton_test?user=postgres)");
    }
}
