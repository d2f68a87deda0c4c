package dev.beton.inspector;

/** A rule could not be run on the workspace's source (unreachable, budget used, no company group type). */
public final class InspectionFailed extends RuntimeException {

    InspectionFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
