package dev.beton.workspace;

/** A newly created token: {@code secret} is shown to its owner once and not kept by Beton. */
public record IssuedApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedApiToken[" + token + "]";
    }
}
