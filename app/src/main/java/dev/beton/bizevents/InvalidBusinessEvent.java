package dev.beton.bizevents;

import dev.beton.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A 400 that names every field in error: {@code errors: [{index, event, field, message}]}. */
class InvalidBusinessEvent extends ProblemException {

    private final transient List<Map<String, Object>> errors;

    InvalidBusinessEvent(String detail, List<Map<String, Object>> errors) {
        super(HttpStatus.BAD_REQUEST, "invalid-business-event", "Invalid business event", detail);
        this.errors = errors;
    }

    @Override
    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = super.toProblemDetail();
        problem.setProperty("errors", errors);
        return problem;
    }
}
