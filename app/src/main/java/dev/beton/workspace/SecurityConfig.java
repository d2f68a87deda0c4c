package dev.beton.workspace;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The machine-facing one ({@code /api/**}, actuator, OpenAPI) accepts a
 * session, a bearer API token or HTTP Basic and answers failures with problem details. The
 * page chain uses form login. CSRF applies wherever a browser's cookie authenticates.
 */
@Configuration
class SecurityConfig {

    private static final RequestMatcher CARRIES_CREDENTIALS = request -> request.getHeader("Authorization") != null;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain publicEndpoints(HttpSecurity http, List<PublicEndpoints> endpoints) throws Exception {
        String[] patterns =
                endpoints.stream().flatMap(e -> e.patterns().stream()).toArray(String[]::new);
        return http.securityMatcher(patterns)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, Users users, JsonMapper json) throws Exception {
        var entryPoint = ProblemResponses.unauthorized(json);
        return http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .addFilterBefore(new ApiTokenFilter(tokens, users, entryPoint), BasicAuthenticationFilter.class)
                .csrf(c -> c.ignoringRequestMatchers(CARRIES_CREDENTIALS))
                .requestCache(c -> c.disable())
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(entryPoint).accessDeniedHandler(ProblemResponses.forbidden(json)))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(
                        a -> a.requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .formLogin(
                        f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .build();
    }

    @Bean
    PublicEndpoints healthEndpoints() {
        return PublicEndpoints.of("/actuator/health", "/actuator/health/**");
    }
}
