package dev.beton.query;

/** A name that would have to be written into SQL text does not pass validation. */
public final class InvalidIdentifier extends IllegalArgumentException {

    InvalidIdentifier(String what, String value, String rule) {
        super("Invalid " + what + " '" + value + "': expected " + rule);
    }
}
