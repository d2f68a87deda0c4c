package dev.beton.workspace;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer beton_…}; a bad token is a 401, never anonymous. */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final Users users;
    private final AuthenticationEntryPoint entryPoint;
    private final Optional<ScrapeToken> scrapeToken;

    ApiTokenFilter(
            ApiTokens tokens, Users users, AuthenticationEntryPoint entryPoint, Optional<ScrapeToken> scrapeToken) {
        this.tokens = tokens;
        this.users = users;
        this.entryPoint = entryPoint;
        this.scrapeToken = scrapeToken;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(7).strip();
        if (request.getRequestURI().equals(request.getContextPath() + "/actuator/prometheus")
                && scrapeToken.filter(t -> t.matches(secret)).isPresent()) {
            SecurityContextHolder.getContext().setAuthentication(ScrapeToken.authentication());
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokenAuthentication> authentication = authenticate(secret);
        if (authentication.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("The API token is unknown or revoked."));
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(authentication.get());
        chain.doFilter(request, response);
    }

    private Optional<ApiTokenAuthentication> authenticate(String secret) {
        return tokens.authenticate(secret).flatMap(token -> users.byId(token.userId())
                .map(user -> new ApiTokenAuthentication(
                        new BetonUserDetails(user.id(), user.email(), "", user.admin()), token.workspaceId())));
    }
}
