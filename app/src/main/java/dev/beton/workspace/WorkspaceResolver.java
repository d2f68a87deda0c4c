package dev.beton.workspace;

import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link CurrentWorkspace} controller parameters: the bearer token's workspace; with a
 * session or Basic auth, {@code ?workspace=<id or slug>} when given, else the user's default
 * workspace. Anything the caller is not a member of is a 404, not a 403, so workspace names do
 * not leak.
 */
@Component
class WorkspaceResolver implements HandlerMethodArgumentResolver {

    static final String PARAMETER = "workspace";

    private final Workspaces workspaces;
    private final Users users;

    WorkspaceResolver(Workspaces workspaces, Users users) {
        this.workspaces = workspaces;
        this.users = users;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentWorkspace.class
                || parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (parameter.getParameterType() == CurrentUser.class) {
            return currentUser(authentication);
        }
        String requested = request.getParameter(PARAMETER);
        return resolve(authentication, Optional.ofNullable(requested).filter(s -> !s.isBlank()));
    }

    CurrentWorkspace resolve(Authentication authentication, Optional<String> requested) {
        if (authentication == null || !(authentication.getPrincipal() instanceof BetonUserDetails user)) {
            throw new WorkspaceNotFound(requested.orElse("default"));
        }
        if (authentication instanceof ApiTokenAuthentication token) {
            Membership membership = workspaces
                    .membership(user.userId(), token.workspaceId())
                    .filter(m -> requested.isEmpty()
                            || requested.get().equals(m.workspace().slug())
                            || requested
                                    .get()
                                    .equals(String.valueOf(m.workspace().id())))
                    .orElseThrow(() -> new WorkspaceNotFound(requested.orElse(String.valueOf(token.workspaceId()))));
            return current(membership, user);
        }
        Membership membership = requested
                .map(ref -> workspaces.visibleTo(user.userId(), ref).orElseThrow(() -> new WorkspaceNotFound(ref)))
                .orElseGet(() -> defaultMembership(user));
        return current(membership, user);
    }

    private static CurrentUser currentUser(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof BetonUserDetails user)) {
            throw new IllegalStateException("CurrentUser is only available on authenticated routes");
        }
        return new CurrentUser(user.userId(), user.getUsername(), user.admin());
    }

    private Membership defaultMembership(BetonUserDetails user) {
        Optional<Long> preferred = users.byId(user.userId()).flatMap(User::defaultWorkspaceId);
        return preferred
                .flatMap(id -> workspaces.membership(user.userId(), id))
                .or(() -> workspaces.membershipsOf(user.userId()).stream().findFirst())
                .orElseThrow(() -> new WorkspaceNotFound("default"));
    }

    private static CurrentWorkspace current(Membership membership, BetonUserDetails user) {
        return new CurrentWorkspace(membership.workspace(), user.userId(), membership.role());
    }
}
