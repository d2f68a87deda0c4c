package dev.beton.emulator.attio;

import dev.beton.emulator.EmulatorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** An error Attio answers with its envelope {@code {status_code, type, code, message}}. */
class AttioProblem extends RuntimeException {

    final int status;
    final String type;
    final String code;

    AttioProblem(int status, String type, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    static AttioProblem invalid(String code, String message) {
        return new AttioProblem(400, "invalid_request_error", code, message);
    }

    static AttioProblem notFound(String message) {
        return new AttioProblem(404, "invalid_request_error", "not_found", message);
    }

    static AttioProblem objectNotFound(String slugOrId) {
        return notFound("Object with slug/ID \"" + slugOrId + "\" not found.");
    }

    static AttioProblem recordNotFound(String id) {
        return notFound("Record with ID \"" + id + "\" not found.");
    }

    EmulatorResponse response() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", status);
        body.put("type", type);
        body.put("code", code);
        body.put("message", getMessage());
        return EmulatorResponse.json(status, body);
    }
}
