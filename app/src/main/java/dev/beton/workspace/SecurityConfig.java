package dev.beton.workspace;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The machine-facing one ({@code /api/**}, actuator, OpenAPI) accepts a
 * session, a bearer API token or HTTP Basic and answers failures with problem details. The
 * page chain uses form login. CSRF applies wherever a browser's cookie authenticates.
 */
@Configuration
class SecurityConfig {

    /**
     * Pages load scripts from this origin only (no inline script: the pages' behaviour lives in
     * {@code static/js}); styles may be inline because ECharts and htmx style elements they draw.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    /**
     * CSRF protects requests that a browser's session cookie authenticates. Requests that carry
     * their own credentials, and anonymous ones (no logged-in session: they get the 401 they
     * deserve instead of a 403 about CSRF), need no token.
     */
    private static final RequestMatcher NO_LOGGED_IN_COOKIE =
            request -> request.getHeader("Authorization") != null || !sessionIsLoggedIn(request);

    private static boolean sessionIsLoggedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null
                && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                        instanceof SecurityContext context
                && context.getAuthentication() != null;
    }

    /** The same protective headers on every chain. */
    static void headers(HttpSecurity http) throws Exception {
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
    }

    @Bean
    PasswordEncoder passwordEncoder(LoginProperties login) {
        return new OffCarrierPasswordEncoder(new BCryptPasswordEncoder(), login.threads(), login.hashingQueue());
    }

    @Bean
    @Order(1)
    SecurityFilterChain publicEndpoints(HttpSecurity http, List<PublicEndpoints> endpoints) throws Exception {
        String[] patterns =
                endpoints.stream().flatMap(e -> e.patterns().stream()).toArray(String[]::new);
        headers(http);
        return http.securityMatcher(patterns)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            ApiTokens tokens,
            Users users,
            JsonMapper json,
            @Value("${beton.metrics.scrape-token:}") String scrapeToken)
            throws Exception {
        var entryPoint = ProblemResponses.unauthorized(json);
        headers(http);
        return http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/prometheus")
                        // metrics tell how busy every workspace is: instance admins and the scraper only
                        .hasAnyRole("ADMIN", ScrapeToken.ROLE)
                        .anyRequest()
                        .authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .addFilterBefore(
                        new ApiTokenFilter(tokens, users, entryPoint, ScrapeToken.of(scrapeToken)),
                        BasicAuthenticationFilter.class)
                .addFilterBefore(
                        MustChangePassword.forApi(users, ProblemResponses.mustChangePassword(json)),
                        AuthorizationFilter.class)
                .csrf(c -> c.ignoringRequestMatchers(NO_LOGGED_IN_COOKIE))
                .requestCache(c -> c.disable())
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(entryPoint).accessDeniedHandler(ProblemResponses.forbidden(json)))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, Users users) throws Exception {
        headers(http);
        http.addFilterBefore(MustChangePassword.forPages(users), AuthorizationFilter.class);
        return http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/invite/*",
                                "/error",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/favicon.ico",
                                "/favicon.svg")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler((request, response, e) ->
                                response.sendRedirect(request.getContextPath() + "/login?" + loginFailureQuery(e)))
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .build();
    }

    private static String loginFailureQuery(AuthenticationException e) {
        if (e instanceof LoginThrottled throttled) {
            return "throttled=" + throttled.retryAfterSeconds();
        }
        return e instanceof InternalAuthenticationServiceException ? "busy" : "error";
    }

    @Bean
    PublicEndpoints healthEndpoints() {
        return PublicEndpoints.of("/actuator/health", "/actuator/health/**");
    }
}
