package dev.beton.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.beton.emulator.Exchange;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One service's contract: the loaded OpenAPI file plus what we know about its gaps.
 *
 * @param name service name for messages
 * @param file classpath location of the contract file
 * @param openApi the loaded validator
 * @param model the parsed file, for questions the validator cannot answer (e.g. readOnly)
 * @param patches in-memory fixes applied to the parsed file, one line each
 * @param pathAlias maps a request path to the path the file describes (e.g. a deprecated alias)
 * @param uncovered routes the file lacks, with their substitute checks
 * @param deviations accepted differences between file and service
 * @param errorShape check for error responses whose status the file does not declare
 */
record Contract(
        String name,
        String file,
        OpenApiInteractionValidator openApi,
        OpenAPI model,
        List<String> patches,
        UnaryOperator<String> pathAlias,
        List<Uncovered> uncovered,
        List<Deviation> deviations,
        Function<Exchange, List<String>> errorShape) {}
