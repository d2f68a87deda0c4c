package dev.beton.connections;

import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogRegion;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which PostHog hosts to try for a key: the chosen cloud, the self-hosted URL, the stored host
 * when only the project changes, or — when the user did not choose — US, then EU.
 */
@Component
class PostHogHosts {

    /** One host to try, with the region it stands for. */
    record Candidate(PostHogRegion region, URI url) {}

    private final PostHogClients clients;

    PostHogHosts(PostHogClients clients) {
        this.clients = clients;
    }

    List<Candidate> toTry(PostHogConnectRequest request, Optional<StoredConnection> stored) {
        Optional<PostHogRegion> region = chosenRegion(request);
        if (region.isEmpty() && request.apiKey().isEmpty()) {
            // switching project with the stored key: stay on the stored host
            Optional<PostHogRegion> storedRegion =
                    stored.flatMap(s -> s.setting("region")).flatMap(PostHogRegion::parse);
            Optional<String> storedHost = stored.flatMap(s -> s.setting("host"));
            if (storedRegion.isPresent() && storedHost.isPresent()) {
                return List.of(new Candidate(storedRegion.get(), URI.create(storedHost.get())));
            }
        }
        if (region.isEmpty()) {
            return List.of(cloud(PostHogRegion.US), cloud(PostHogRegion.EU));
        }
        if (region.get() == PostHogRegion.CUSTOM) {
            return List.of(new Candidate(
                    PostHogRegion.CUSTOM, customHost(request.host().orElse(""))));
        }
        return List.of(cloud(region.get()));
    }

    /**
     * A saved key goes only to the address it was saved for or to PostHog's own clouds: whoever
     * changes the address must enter the key again, so an admin cannot redirect a key they cannot
     * read to a server of their own.
     */
    void requireStoredKeyMayGoTo(List<Candidate> candidates, Optional<StoredConnection> stored) {
        Optional<String> storedHost = stored.flatMap(s -> s.setting("host")).map(PostHogHosts::normalized);
        for (Candidate candidate : candidates) {
            boolean known = isCloud(candidate.url())
                    || storedHost
                            .filter(normalized(candidate.url().toString())::equals)
                            .isPresent();
            if (!known) {
                throw new ConnectionFailure(
                        ErrorType.INVALID_FORMAT,
                        "Enter the API key again to connect PostHog at " + candidate.url() + ": Beton sends a saved"
                                + " key only to the address it was saved for or to PostHog's US and EU clouds.");
            }
        }
    }

    /** Whether a host is one of PostHog's clouds as this instance knows them. */
    boolean isCloud(URI host) {
        String url = normalized(host.toString());
        return url.equals(normalized(clients.urlOf(PostHogRegion.US).toString()))
                || url.equals(normalized(clients.urlOf(PostHogRegion.EU).toString()));
    }

    private static String normalized(String url) {
        return url.strip().replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT);
    }

    PostHogRegion regionOf(URI host) {
        if (host.equals(clients.urlOf(PostHogRegion.US))) {
            return PostHogRegion.US;
        }
        return host.equals(clients.urlOf(PostHogRegion.EU)) ? PostHogRegion.EU : PostHogRegion.CUSTOM;
    }

    private Candidate cloud(PostHogRegion region) {
        return new Candidate(region, clients.urlOf(region));
    }

    private static Optional<PostHogRegion> chosenRegion(PostHogConnectRequest request) {
        Optional<PostHogRegion> region = request.region()
                .filter(r -> !r.isBlank())
                .map(r -> PostHogRegion.parse(r)
                        .orElseThrow(() -> new ConnectionFailure(
                                ErrorType.INVALID_FORMAT, "The region must be us, eu or custom (self-hosted).")));
        if (region.isEmpty() && request.host().filter(h -> !h.isBlank()).isPresent()) {
            return Optional.of(PostHogRegion.CUSTOM);
        }
        return region;
    }

    static URI customHost(String raw) {
        String text = raw.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(text);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the sentence below
        }
        throw new ConnectionFailure(
                ErrorType.INVALID_FORMAT,
                "The address of your self-hosted PostHog must be a URL like https://posthog.example.com.");
    }
}
