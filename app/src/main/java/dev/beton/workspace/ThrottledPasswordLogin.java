package dev.beton.workspace;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Email-and-password logins (the login form and HTTP Basic): throttled per account and address
 * before the password is checked, failures audited, the check itself done by Spring's
 * {@link DaoAuthenticationProvider} with the off-carrier password encoder.
 */
@Component
class ThrottledPasswordLogin implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final LoginAudit audit;

    ThrottledPasswordLogin(
            BetonUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle, LoginAudit audit) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName();
        String address = addressOf(authentication);
        LoginAudit.Channel channel = channel();
        try {
            throttle.check(email, address);
        } catch (LoginThrottled e) {
            audit.record(email, address, channel, LoginAudit.Outcome.THROTTLED);
            throw e;
        }
        try {
            Authentication done = passwords.authenticate(authentication);
            throttle.succeeded(email);
            return done;
        } catch (BadCredentialsException e) {
            throttle.failed(email, address);
            audit.record(email, address, channel, LoginAudit.Outcome.BAD_CREDENTIALS);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
    }

    private static LoginAudit.Channel channel() {
        return currentRequest()
                .map(r -> r.getHeader("Authorization"))
                .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
                .map(h -> LoginAudit.Channel.BASIC)
                .orElse(LoginAudit.Channel.FORM);
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest())
                : Optional.empty();
    }
}
