package dev.beton.workspace;

import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Controllers take {@link CurrentWorkspace} / {@link CurrentUser} parameters, resolved from the caller. */
@Configuration
class WorkspaceWebConfig implements WebMvcConfigurer {

    static {
        // Resolved from the caller's credentials, not sent by clients: not in the OpenAPI document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class, CurrentWorkspace.class);
    }

    private final WorkspaceResolver resolver;

    WorkspaceWebConfig(WorkspaceResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(resolver);
    }
}
