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
