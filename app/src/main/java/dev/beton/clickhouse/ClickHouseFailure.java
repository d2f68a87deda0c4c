package dev.beton.clickhouse;

/** ClickHouse could not be reached or refused a statement; the message is a sentence for the user. */
public final class ClickHouseFailure extends RuntimeException {

    public ClickHouseFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
