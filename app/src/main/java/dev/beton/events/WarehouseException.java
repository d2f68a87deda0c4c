package dev.beton.events;

/** The event warehouse could not do what was asked; the message names the workspace and why. */
public final class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
