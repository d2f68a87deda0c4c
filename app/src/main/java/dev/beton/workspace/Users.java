package dev.beton.workspace;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** User accounts; passwords are kept as bcrypt hashes. Emails are compared case-insensitively. */
@Service
public class Users {

    static final int MIN_PASSWORD_LENGTH = 8;
    /** BCrypt reads only the first 72 bytes; a longer password would pretend to be stronger than it is. */
    static final int MAX_PASSWORD_LENGTH = 72;

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

    /**
     * Changes a password after checking the current one. A wrong current password counts as a
     * failed login for the throttle, so this route cannot be used to guess it.
     */
    public void changePassword(long userId, String current, String next) {
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> ProblemException.notFound("There is no user " + userId + "."));
        if (current == null || !passwords.matches(current, hash)) {
            throw new WrongCurrentPassword();
        }
        if (next == null || next.length() < MIN_PASSWORD_LENGTH) {
            throw ProblemException.badRequest("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (next.length() > MAX_PASSWORD_LENGTH) {
            throw ProblemException.badRequest("A password may have at most " + MAX_PASSWORD_LENGTH + " characters.");
        }
        if (next.equals(current)) {
            throw ProblemException.badRequest("The new password must differ from the current one.");
        }
        jdbc.sql("UPDATE users SET password_hash = ?, must_change_password = FALSE, password_changed_at = ?"
                        + " WHERE id = ?")
                .params(passwords.encode(next), Timestamps.of(clock.instant()), userId)
                .update();
    }

    /** Whether {@code password} is this user's password (for accepting an invitation link). */
    boolean passwordMatches(long userId, String password) {
        return password != null
                && jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
                        .param(userId)
                        .query(String.class)
                        .optional()
                        .map(hash -> passwords.matches(password, hash))
                        .orElse(false);
    }

    /**
     * An operator resets a forgotten password (no mail needed): a new random password, which the
     * user must replace at their next login because someone else has seen it.
     */
    public String issueOneTimePassword(String email) {
        User user = byEmail(email).orElseThrow(() -> ProblemException.notFound("There is no user " + email + "."));
        String password = OneTimePasswords.next();
        jdbc.sql("UPDATE users SET password_hash = ?, must_change_password = TRUE WHERE id = ?")
                .params(passwords.encode(password), user.id())
                .update();
        return password;
    }

    /** The current password given to {@link #changePassword} is wrong (400). */
    static final class WrongCurrentPassword extends ProblemException {
        WrongCurrentPassword() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "wrong-current-password",
                    "Bad Request",
                    "The current password is not right.");
        }
    }

    /** An admin issued this user's password: they must choose their own at their next login. */
    void requirePasswordChange(long userId) {
        jdbc.sql("UPDATE users SET must_change_password = TRUE WHERE id = ?")
                .param(userId)
                .update();
    }

    public boolean mustChangePassword(long userId) {
        return jdbc.sql("SELECT must_change_password FROM users WHERE id = ?")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
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
