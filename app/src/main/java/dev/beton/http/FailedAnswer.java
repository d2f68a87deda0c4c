package dev.beton.http;

/**
 * What a non-2xx answer from a vendor API means to Beton, the same for every vendor. Each client
 * maps these onto its own sealed exception type (callers switch over the vendor's type), so the
 * table of statuses lives here once instead of drifting apart per client.
 */
public enum FailedAnswer {
    /** 401: the credential is unknown, revoked or missing. */
    UNAUTHORIZED,
    /** 403: the credential works but lacks a scope or access. */
    FORBIDDEN,
    /** 404: no such resource, or not visible to the credential. */
    NOT_FOUND,
    /** 429: the vendor's throttle; read {@link RetryAfter}. */
    RATE_LIMITED,
    /** Anything else: 5xx, an unexpected 4xx. */
    API_ERROR;

    public static FailedAnswer of(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 429 -> RATE_LIMITED;
            default -> API_ERROR;
        };
    }
}
