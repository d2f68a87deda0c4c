package dev.beton.connections;

/** ClickHouse is wanted but the workspace has no tested ClickHouse connection; the message says why. */
public final class ClickHouseNotConnected extends RuntimeException {

    ClickHouseNotConnected(String message) {
        super(message);
    }
}
