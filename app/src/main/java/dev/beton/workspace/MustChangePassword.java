package dev.beton.workspace;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Someone logged in with a password an admin issued (shown to the admin when they were added)
 * may do nothing but choose their own: pages send them to the password page, the API answers 403
 * except on the password route. The flag comes from the login and is re-read from the database
 * only while set, so a change takes effect on the next request.
 */
final class MustChangePassword extends OncePerRequestFilter {

    static final String PAGE = "/account/password";
    static final String API = "/api/v1/me/password";
    private static final Set<String> PAGE_PATHS_ALLOWED = Set.of(PAGE, "/logout", "/login", "/error", "/favicon.ico");

    private final Users users;
    private final boolean api;
    private final AuthenticationEntryPoint problem;

    private MustChangePassword(Users users, boolean api, AuthenticationEntryPoint problem) {
        this.users = users;
        this.api = api;
        this.problem = problem;
    }

    static MustChangePassword forApi(Users users, AuthenticationEntryPoint problem) {
        return new MustChangePassword(users, true, problem);
    }

    static MustChangePassword forPages(Users users) {
        return new MustChangePassword(users, false, null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof BetonUserDetails user
                && user.mustChangePassword()
                && !allowed(request)
                && users.mustChangePassword(user.userId())) {
            if (api) {
                problem.commence(request, response, null);
            } else {
                response.sendRedirect(request.getContextPath() + PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean allowed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (api) {
            return path.equals(API);
        }
        return PAGE_PATHS_ALLOWED.contains(path)
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/webjars/");
    }
}
