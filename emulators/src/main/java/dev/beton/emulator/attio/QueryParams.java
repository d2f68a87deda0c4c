package dev.beton.emulator.attio;

import dev.beton.emulator.EmulatorRequest;

/** Integer query parameters such as {@code limit} and {@code offset}. */
final class QueryParams {

    private QueryParams() {}

    /** @throws AttioProblem 400 when present but not a non-negative integer */
    static int nonNegative(EmulatorRequest request, String name, int fallback) {
        try {
            int value = request.queryParam(name).map(Integer::parseInt).orElse(fallback);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw AttioProblem.invalid(
                    "validation_type", "Query parameter " + name + " must be a non-negative integer.");
        }
    }
}
