package dev.beton.emulator.posthog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Configuration plus per-project data of one emulator instance. */
final class PostHogState {

    final Clock clock;
    final EmulatedUser user;
    final List<PostHogOrganization> organizations;
    /** False emulates older or unlicensed servers, which drop tags without an error. */
    final boolean tagging;

    private final Map<Long, ProjectData> projects = new LinkedHashMap<>();
    private final Map<String, PersonalApiKey> keys = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);

    PostHogState(
            Clock clock,
            EmulatedUser user,
            List<PostHogOrganization> organizations,
            List<PostHogProject> projects,
            List<PersonalApiKey> keys,
            boolean tagging) {
        this.clock = clock;
        this.tagging = tagging;
        this.user = user;
        this.organizations = List.copyOf(organizations);
        projects.forEach(p -> this.projects.put(p.id(), new ProjectData(p)));
        keys.forEach(k -> this.keys.put(k.value(), k));
    }

    Optional<PersonalApiKey> key(String value) {
        return Optional.ofNullable(keys.get(value));
    }

    Optional<ProjectData> project(long id) {
        return Optional.ofNullable(projects.get(id));
    }

    List<ProjectData> projects() {
        return List.copyOf(projects.values());
    }

    Optional<ProjectData> projectByToken(String apiToken) {
        return projects.values().stream()
                .filter(p -> p.project.apiToken().equals(apiToken))
                .findFirst();
    }

    /** The organization the user has open in the UI: the first one configured. */
    PostHogOrganization currentOrganization() {
        return organizations.getFirst();
    }

    /** The project last opened in the UI: the first project of the current organization. */
    Optional<ProjectData> currentProject() {
        return projects.values().stream()
                .filter(p ->
                        p.project.organizationId().equals(currentOrganization().id()))
                .findFirst();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** The single user every personal key belongs to. */
    record EmulatedUser(long id, java.util.UUID uuid, String email, String firstName, String lastName) {}
}
