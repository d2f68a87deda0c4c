package dev.beton.workspace;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The logged-in user as Spring Security holds it (session, HTTP Basic or API token). */
final class BetonUserDetails implements UserDetails {

    private final long userId;
    private final String email;
    private final String passwordHash;
    private final boolean admin;
    private final boolean mustChangePassword;

    BetonUserDetails(long userId, String email, String passwordHash, boolean admin) {
        this(userId, email, passwordHash, admin, false);
    }

    BetonUserDetails(long userId, String email, String passwordHash, boolean admin, boolean mustChangePassword) {
        this.userId = userId;
        this.email = email;
        this.passwordHash = passwordHash;
        this.admin = admin;
        this.mustChangePassword = mustChangePassword;
    }

    /** As of login: an admin issued the password and the user has not chosen their own yet. */
    boolean mustChangePassword() {
        return mustChangePassword;
    }

    long userId() {
        return userId;
    }

    boolean admin() {
        return admin;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return admin
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public String toString() {
        return "BetonUserDetails[" + email + "]";
    }
}
