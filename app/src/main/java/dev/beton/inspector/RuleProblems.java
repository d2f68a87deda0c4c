package dev.beton.inspector;

import dev.beton.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The RFC 7807 answers of the inspection API; an invalid rule lists every problem by field. */
final class RuleProblems {

    private RuleProblems() {}

    static ProblemException invalid(InvalidRule e) {
        return new InvalidRuleProblem(e);
    }

    static ProblemException nameTaken(RuleNameTaken e) {
        return new ProblemException(HttpStatus.CONFLICT, "rule-name-taken", "Rule name taken", e.getMessage());
    }

    static ProblemException failed(InspectionFailed e) {
        return new ProblemException(HttpStatus.BAD_GATEWAY, "inspection-failed", "Inspection failed", e.getMessage());
    }

    static ProblemException notFound(long id) {
        return ProblemException.notFound("No inspection rule " + id + " in this workspace.");
    }

    /** 400 {@code invalid-rule} with {@code errors}: field → sentence, and the fields named in the detail. */
    private static final class InvalidRuleProblem extends ProblemException {

        private final transient Map<String, String> errors = new LinkedHashMap<>();

        InvalidRuleProblem(InvalidRule e) {
            super(HttpStatus.BAD_REQUEST, "invalid-rule", "Invalid inspection rule", detail(e));
            e.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        }

        private static String detail(InvalidRule e) {
            return e.problems().stream()
                    .map(p -> p.field().isEmpty() ? p.message() : p.field() + ": " + p.message())
                    .reduce((a, b) -> a + " " + b)
                    .orElse("Invalid rule.");
        }

        @Override
        public ProblemDetail toProblemDetail() {
            ProblemDetail problem = super.toProblemDetail();
            problem.setProperty("errors", errors);
            return problem;
        }
    }
}
