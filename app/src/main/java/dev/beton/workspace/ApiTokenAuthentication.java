package dev.beton.workspace;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by a bearer API token: acts as its user, in the token's workspace only. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final BetonUserDetails user;
    private final long workspaceId;

    ApiTokenAuthentication(BetonUserDetails user, long workspaceId) {
        super(user.getAuthorities());
        this.user = user;
        this.workspaceId = workspaceId;
        setAuthenticated(true);
    }

    long workspaceId() {
        return workspaceId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public BetonUserDetails getPrincipal() {
        return user;
    }
}
