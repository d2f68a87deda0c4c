package dev.beton.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI betonOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Beton API")
                        .version("v1")
                        .description("Workspace-scoped routes act on the bearer token's workspace; with a session or"
                                + " HTTP Basic, on ?workspace=<id or slug>, else the user's default workspace."
                                + " Errors are RFC 7807 problem details."));
    }
}
