package dev.beton.workspace;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** User accounts; passwords are kept as bcrypt hashes. Emails are compared case-insensitively. */
@Service
public class Users {

    static final int MIN_PASSWORD_LENGTH = 8;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Users(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    public User create(String email, String password, boolean admin) {
        String normalized = normalize(email);
        if (!normalized.matches("[^@\\s]+@[^@\\s]+")) {
            throw ProblemException.badRequest("'" + email + "' is not an email address.");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ProblemException.badRequest("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (byEmail(normalized).isPresent()) {
            throw ProblemException.conflict("A user with the email " + normalized + " already exists.");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (email, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?)")
                .params(normalized, passwords.encode(password), admin, Timestamps.of(clock.instant()))
                .update(keys, "id");
        return byId(keys.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    public Optional<User> byId(long id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?")
                .param(id)
                .query(Users::map)
                .optional();
    }

    public Optional<User> byEmail(String email) {
        return jdbc.sql("SELECT * FROM users WHERE email = ?")
                .param(normalize(email))
                .query(Users::map)
                .optional();
    }

    /** The stored hash, for Spring Security's login check only. */
    Optional<String> passwordHash(String email) {
        return jdbc.sql("SELECT password_hash FROM users WHERE email = ?")
                .param(normalize(email))
                .query(String.class)
                .optional();
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        long defaultWorkspace = rs.getLong("default_workspace_id");
        return new User(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getBoolean("is_admin"),
                rs.wasNull() ? Optional.empty() : Optional.of(defaultWorkspace));
    }
}
