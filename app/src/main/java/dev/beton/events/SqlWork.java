package dev.beton.events;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one workspace's warehouse connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
