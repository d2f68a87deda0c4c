package dev.beton.workspace;

import dev.beton.store.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The record of failed and throttled logins (table {@code login_failures}, V80), also logged. */
@Service
class LoginAudit {

    enum Channel {
        FORM,
        BASIC
    }

    enum Outcome {
        BAD_CREDENTIALS,
        THROTTLED
    }

    /** One failed login, for the audit route. */
    record Failure(long id, Instant attemptedAt, String email, String address, String channel, String outcome) {}

    private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String email, String address, Channel channel, Outcome outcome) {
        String typed = email == null ? "" : email.strip();
        String shown = typed.length() > 320 ? typed.substring(0, 320) : typed;
        log.warn("Failed login ({}) for '{}' from {} by {}", lower(outcome), shown, address, lower(channel));
        jdbc.sql("INSERT INTO login_failures (attempted_at, email, address, channel, outcome) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamps.of(clock.instant()), shown, address, lower(channel), lower(outcome))
                .update();
    }

    List<Failure> recent(int limit) {
        return jdbc.sql("SELECT * FROM login_failures ORDER BY id DESC LIMIT ?")
                .param(Math.max(1, Math.min(limit, 1000)))
                .query((rs, n) -> new Failure(
                        rs.getLong("id"),
                        Timestamps.instant(rs, "attempted_at"),
                        rs.getString("email"),
                        rs.getString("address"),
                        rs.getString("channel"),
                        rs.getString("outcome")))
                .list();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
