package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.Gate.RateClass.CRUD;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Who am I, which organizations and projects, which group types: {@code /api/users/@me/} and friends. */
final class DiscoveryRoutes {

    /** OrganizationMembership.Level.ADMIN */
    private static final int ADMIN = 8;

    private final PostHogState state;
    private final Gate gate;
    private final Instant createdAt;

    DiscoveryRoutes(PostHogState state, Gate gate) {
        this.state = state;
        this.gate = gate;
        this.createdAt = state.clock.instant();
    }

    void register(Router router) {
        // @me is exempt from the key's project and organization scoping, but not from user:read.
        router.route("GET", "/api/users/@me/", gate.user("user:read", CRUD, this::me));
        router.route("GET", "/api/projects/", gate.user("project:read", CRUD, this::listProjects));
        router.route(
                "GET", "/api/organizations/{org_id}/projects/", gate.user("project:read", CRUD, this::orgProjects));
        router.route("GET", "/api/organizations/@current/", gate.user("organization:read", CRUD, this::currentOrg));
        for (String prefix : List.of("/api/projects", "/api/environments")) {
            router.route("GET", prefix + "/{project_id}/", gate.project("project:read", CRUD, this::getProject));
            router.route(
                    "GET", prefix + "/{project_id}/groups_types/", gate.project("group:read", CRUD, this::groupTypes));
            router.route(
                    "GET",
                    prefix + "/{project_id}/property_definitions/",
                    gate.project("property_definition:read", CRUD, this::propertyDefinitions));
        }
    }

    private EmulatorResponse me(EmulatorRequest request, PersonalApiKey key) {
        PostHogState.EmulatedUser user = state.user;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("uuid", user.uuid().toString());
        body.put("distinct_id", user.uuid().toString());
        body.put("first_name", user.firstName());
        body.put("last_name", user.lastName());
        body.put("email", user.email());
        body.put("is_email_verified", true);
        body.put("team", state.currentProject().map(p -> teamBasic(p.project)).orElse(null));
        body.put("organization", organization(state.currentOrganization()));
        body.put(
                "organizations",
                state.organizations.stream().map(this::organizationBasic).toList());
        return EmulatorResponse.json(200, body);
    }

    private EmulatorResponse listProjects(EmulatorRequest request, PersonalApiKey key) {
        return projectsOf(request, key, state.currentOrganization().id());
    }

    private EmulatorResponse orgProjects(EmulatorRequest request, PersonalApiKey key) {
        String orgId = request.pathParam("org_id");
        return state.organizations.stream()
                .filter(o -> o.id().toString().equals(orgId))
                .findFirst()
                .map(o -> projectsOf(request, key, o.id()))
                .orElseGet(PostHogErrors::notFound);
    }

    private EmulatorResponse projectsOf(EmulatorRequest request, PersonalApiKey key, UUID orgId) {
        List<Map<String, Object>> visible = state.projects().stream()
                .map(p -> p.project)
                .filter(p -> p.organizationId().equals(orgId) && Gate.canSee(key, p))
                .map(this::teamBasic)
                .toList();
        return EmulatorResponse.json(200, Pagination.page(request, Site.url(request), visible));
    }

    private EmulatorResponse currentOrg(EmulatorRequest request, PersonalApiKey key) {
        return EmulatorResponse.json(200, organization(state.currentOrganization()));
    }

    private EmulatorResponse getProject(EmulatorRequest request, ProjectData data) {
        PostHogProject p = data.project;
        Map<String, Object> body = teamBasic(p);
        body.put("created_at", createdAt.toString());
        body.put("updated_at", createdAt.toString());
        body.put("effective_membership_level", ADMIN);
        body.put("has_group_types", !data.groupTypes().isEmpty());
        body.put("person_on_events_querying_enabled", true);
        body.put("groups_on_events_querying_enabled", true);
        return EmulatorResponse.json(200, body);
    }

    private EmulatorResponse groupTypes(EmulatorRequest request, ProjectData data) {
        List<Map<String, Object>> types = new ArrayList<>();
        List<String> names = data.groupTypes();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> type = new LinkedHashMap<>();
            type.put("group_type", names.get(i));
            type.put("group_type_index", i);
            type.put("name_singular", null);
            type.put("name_plural", null);
            types.add(type);
        }
        return EmulatorResponse.json(200, types);
    }

    /**
     * {@code ?type=event|person|group} (event by default) and {@code group_type_index}; one page
     * with everything, ordered by name. Ids are name-based so they are stable across calls.
     */
    private EmulatorResponse propertyDefinitions(EmulatorRequest request, ProjectData data) {
        String kind = request.queryParam("type").orElse("event");
        int groupIndex =
                request.queryParam("group_type_index").map(Integer::parseInt).orElse(-1);
        List<Map<String, Object>> results = new ArrayList<>();
        data.definitions.all().entrySet().stream()
                .filter(e -> e.getKey().kind().equals(kind)
                        && (!kind.equals("group") || e.getKey().groupIndex() == groupIndex))
                .sorted(java.util.Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(PropertyDefinitions.Key::name)))
                .forEach(e -> {
                    Map<String, Object> definition = new LinkedHashMap<>();
                    definition.put(
                            "id",
                            java.util
                                    .UUID
                                    .nameUUIDFromBytes((data.project.id() + ":" + e.getKey())
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                    .toString());
                    definition.put("name", e.getKey().name());
                    definition.put("is_numerical", e.getValue() == PostHogPropertyType.NUMERIC);
                    definition.put("property_type", e.getValue().wire());
                    definition.put("tags", List.of());
                    // PostHog fills it only when event_names is sent; the contract types it as text.
                    definition.put("is_seen_on_filtered_events", "");
                    results.add(definition);
                });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", results.size());
        body.put("next", null);
        body.put("previous", null);
        body.put("results", results);
        return EmulatorResponse.json(200, body);
    }

    private Map<String, Object> teamBasic(PostHogProject p) {
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("id", p.id());
        team.put("uuid", p.uuid().toString());
        team.put("organization", p.organizationId().toString());
        team.put("project_id", p.id());
        team.put("api_token", p.apiToken());
        team.put("name", p.name());
        team.put("completed_snippet_onboarding", true);
        team.put(
                "ingested_event",
                state.project(p.id()).map(d -> !d.events().isEmpty()).orElse(false));
        team.put("is_demo", false);
        team.put(
                "timezone", state.project(p.id()).map(d -> d.timezone().getId()).orElse("UTC"));
        team.put("access_control", false);
        return team;
    }

    private Map<String, Object> organizationBasic(PostHogOrganization org) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", org.id().toString());
        body.put("name", org.name());
        body.put("slug", org.slug());
        body.put("membership_level", ADMIN);
        return body;
    }

    private Map<String, Object> organization(PostHogOrganization org) {
        Map<String, Object> body = organizationBasic(org);
        List<PostHogProject> projects = state.projects().stream()
                .map(d -> d.project)
                .filter(p -> p.organizationId().equals(org.id()))
                .toList();
        body.put("teams", projects.stream().map(this::teamBasic).toList());
        body.put(
                "projects",
                projects.stream()
                        .map(p ->
                                Map.of("id", p.id(), "organization_id", org.id().toString(), "name", p.name()))
                        .toList());
        return body;
    }
}
