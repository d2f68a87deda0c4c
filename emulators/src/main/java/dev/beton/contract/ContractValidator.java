package dev.beton.contract;

import static java.util.stream.Collectors.joining;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.beton.emulator.Exchange;
import dev.beton.emulator.ExchangeObserver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks HTTP exchanges against the real service's contract ({@code src/test/resources/contracts})
 * and fails the test on any violation of request or response.
 *
 * <p>Use it as an {@link ExchangeObserver} of an emulator and as a JUnit 5 extension; after each
 * test it asserts that no exchange broke the contract and that at least one was checked, then
 * starts afresh:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ContractValidator contract = ContractValidator.attio();
 *
 * AttioEmulator attio = AttioEmulator.builder().observer(contract).start();
 * }</pre>
 *
 * HTTP clients that do not go through an emulator can call {@link #validate(Exchange)} directly.
 *
 * <p>What the contract files cannot judge is handled explicitly, never skipped: error statuses
 * the files do not declare are checked against the documented error envelope; routes the files
 * lack are checked by a hand-written minimum and listed by {@link #uncovered()}; known mistakes
 * of the files are accepted only at the exact route and JSON pointer and listed by
 * {@link #acceptedDeviations()}. Thread-safe.
 */
public final class ContractValidator implements ExchangeObserver, AfterEachCallback {

    private static final String STATUS_UNKNOWN = "validation.response.status.unknown";

    private final Contract contract;
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> uncoveredSeen = new LinkedHashSet<>();
    private final Set<String> deviationsSeen = new LinkedHashSet<>();
    private int validated;
    private boolean requireExchanges = true;

    private ContractValidator(Contract contract) {
        this.contract = contract;
    }

    /** Validator for Attio's REST API (OpenAPI 3.1, {@code attio-openapi.json}). */
    public static ContractValidator attio() {
        return new ContractValidator(Contracts.attio());
    }

    /** Validator for PostHog's private API and capture ({@code posthog-openapi.yaml}). */
    public static ContractValidator posthog() {
        return new ContractValidator(Contracts.posthog());
    }

    /**
     * By default a test that validated no exchange fails, so a validator that was never wired in
     * cannot pass silently. Tests that legitimately make no request turn this off.
     */
    public ContractValidator allowNoExchanges() {
        this.requireExchanges = false;
        return this;
    }

    @Override
    public void observe(Exchange exchange) {
        validate(exchange);
    }

    /**
     * Validates one exchange and remembers its violations.
     *
     * @return the violations of this exchange, empty when it is within the contract
     */
    public List<Violation> validate(Exchange exchange) {
        List<Violation> found = new ArrayList<>();
        Uncovered uncovered = contract.uncovered().stream()
                .filter(u -> u.matches(exchange))
                .findFirst()
                .orElse(null);
        if (uncovered != null) {
            synchronized (this) {
                uncoveredSeen.add(uncovered.describe());
            }
            uncovered.check().apply(exchange).forEach(p -> found.add(violation(exchange, "uncovered.route", p)));
        } else {
            try {
                found.addAll(againstContract(exchange));
            } catch (RuntimeException e) {
                // Observers run on the emulator's threads, where an exception would go unseen.
                found.add(
                        violation(exchange, "validator.failure", "the validator could not check this exchange: " + e));
            }
        }
        synchronized (this) {
            validated++;
            violations.addAll(found);
        }
        return List.copyOf(found);
    }

    /**
     * Validates an exchange made with {@link java.net.http.HttpClient}, for clients that talk to
     * an emulator (or a recorded service) without going through an observer.
     *
     * @param requestBody the body that was sent, empty for none (HttpRequest does not keep it)
     */
    public List<Violation> validate(HttpRequest request, String requestBody, HttpResponse<String> response) {
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        request.headers().map().forEach((k, v) -> requestHeaders.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), v));
        URI uri = request.uri();
        return validate(new Exchange(
                request.method(),
                uri.getPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                requestHeaders,
                requestBody,
                response.statusCode(),
                responseHeaders,
                response.body() == null ? "" : response.body()));
    }

    /** Violations so far, in order. */
    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Number of exchanges validated so far. */
    public synchronized int validatedCount() {
        return validated;
    }

    /** Routes used so far that the contract file lacks, each with the reason. */
    public synchronized List<String> uncovered() {
        return List.copyOf(uncoveredSeen);
    }

    /** Fixes applied in memory to the loaded contract file (which stays byte-identical). */
    public List<String> contractPatches() {
        return contract.patches();
    }

    /** Known contract mistakes accepted so far, each with the reason. */
    public synchronized List<String> acceptedDeviations() {
        return List.copyOf(deviationsSeen);
    }

    /**
     * @throws AssertionError listing every violation, or when no exchange was validated (unless
     *     {@link #allowNoExchanges()})
     */
    public synchronized void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " exchange(s) broke the " + contract.name()
                    + " contract (" + contract.file() + "):\n  "
                    + violations.stream().map(Violation::toString).collect(joining("\n  ")));
        }
        if (requireExchanges && validated == 0) {
            throw new AssertionError("no exchange reached the " + contract.name()
                    + " contract validator; is it registered as an observer?");
        }
    }

    /** Forgets everything seen so far. */
    public synchronized void reset() {
        violations.clear();
        uncoveredSeen.clear();
        deviationsSeen.clear();
        validated = 0;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isEmpty()) {
                assertNoViolations();
            }
        } finally {
            reset();
        }
    }

    private List<Violation> againstContract(Exchange exchange) {
        String path = contract.pathAlias().apply(exchange.path());
        ValidationReport report = contract.openApi().validate(request(exchange, path), response(exchange));
        List<Violation> found = new ArrayList<>();
        if (exchange.status() >= 400) {
            // Error bodies are held to the documented envelope whether or not the file declares the status.
            contract.errorShape().apply(exchange).forEach(p -> found.add(violation(exchange, "error.envelope", p)));
        }
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            if (STATUS_UNKNOWN.equals(message.getKey()) && exchange.status() >= 400) {
                continue; // undeclared error status: checked against the envelope above
            }
            if (ReadOnlyRule.excuses(contract.model(), message)) {
                synchronized (this) {
                    deviationsSeen.add(
                            exchange.method() + " " + exchange.path()
                                    + ": readOnly properties are required in responses only (validator demands them in requests)");
                }
            } else if (!accepted(exchange, message)) {
                found.add(violation(exchange, message.getKey(), describe(message)));
            }
        }
        return found;
    }

    private boolean accepted(Exchange exchange, ValidationReport.Message message) {
        String pointer = message.getContext()
                .flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance)
                .orElse("");
        for (Deviation deviation : contract.deviations()) {
            if (deviation.covers(exchange, message.getKey(), pointer, message.getMessage())) {
                synchronized (this) {
                    deviationsSeen.add(
                            exchange.method() + " " + exchange.path() + " " + pointer + ": " + deviation.reason());
                }
                return true;
            }
        }
        return false;
    }

    private static String describe(ValidationReport.Message message) {
        String pointer = message.getContext()
                .flatMap(ValidationReport.MessageContext::getPointers)
                .map(p -> " at " + (p.getInstance().isEmpty() ? "/" : p.getInstance()))
                .orElse("");
        String nested = message.getNestedMessages().isEmpty()
                ? ""
                : " "
                        + message.getNestedMessages().stream()
                                .map(ValidationReport.Message::getMessage)
                                .limit(5)
                                .collect(joining("; ", "{", "}"));
        return message.getMessage() + pointer + nested;
    }

    private static Violation violation(Exchange exchange, String key, String message) {
        return new Violation(exchange.method(), exchange.path(), exchange.status(), key, message);
    }

    private static Request request(Exchange exchange, String path) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), path);
        exchange.requestHeaders().forEach(builder::withHeader);
        dev.beton.emulator.EmulatorRequest.parseQueryParams(exchange.query()).forEach(builder::withQueryParam);
        if (!exchange.requestBody().isEmpty()) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(builder::withHeader);
        if (!exchange.responseBody().isEmpty()) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }
}
