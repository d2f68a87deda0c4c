package dev.beton.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAPI says a required property that is {@code readOnly} is required in responses only. The
 * validator (3.0.0) also demands it in request bodies, so a POST of a new dashboard would "miss"
 * its {@code id}. This rule recognises exactly that message at the top of a request body.
 */
final class ReadOnlyRule {

    static final String KEY = "validation.request.body.schema.required";
    private static final Pattern MISSING = Pattern.compile("required property '([^']+)' not found");

    private ReadOnlyRule() {}

    static boolean excuses(OpenAPI model, ValidationReport.Message message) {
        if (!KEY.equals(message.getKey())) {
            return false;
        }
        Matcher missing = MISSING.matcher(message.getMessage());
        String pointer = message.getContext()
                .flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance)
                .orElse("/");
        if (!missing.find() || !(pointer.isEmpty() || pointer.equals("/"))) {
            return false;
        }
        return requestSchema(model, message)
                .map(schema -> schema.getProperties() == null
                        ? null
                        : schema.getProperties().get(missing.group(1)))
                .map(property -> Boolean.TRUE.equals(((Schema<?>) property).getReadOnly()))
                .orElse(false);
    }

    private static Optional<Schema<?>> requestSchema(OpenAPI model, ValidationReport.Message message) {
        return message.getContext()
                .flatMap(ValidationReport.MessageContext::getApiOperation)
                .map(op -> op.getOperation().getRequestBody())
                .map(body -> body.getContent())
                .map(ReadOnlyRule::json)
                .map(MediaType::getSchema)
                .map(schema -> resolve(model, schema));
    }

    private static MediaType json(Content content) {
        return content.get("application/json");
    }

    private static Schema<?> resolve(OpenAPI model, Schema<?> schema) {
        if (schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return model.getComponents().getSchemas().get(name);
    }
}
