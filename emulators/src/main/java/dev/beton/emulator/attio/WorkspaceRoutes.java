package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioGate.Kind.READ;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import dev.beton.emulator.attio.Schema.AttioObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Token introspection and the workspace's objects. */
final class WorkspaceRoutes {

    private static final List<String> CONFIG_READ = List.of("object_configuration:read");
    private static final List<String> MEMBERS_READ = List.of("user_management:read");

    private final AttioWorkspace workspace;
    private final Schema schema;
    private final AttioGate gate;
    private final AttioJson json;
    private final UUID authorizingMember;
    private final List<AttioMember> members;
    private final Instant issuedAt;

    WorkspaceRoutes(
            AttioWorkspace workspace,
            Schema schema,
            AttioGate gate,
            AttioJson json,
            UUID authorizingMember,
            List<AttioMember> members) {
        this.workspace = workspace;
        this.schema = schema;
        this.gate = gate;
        this.json = json;
        this.authorizingMember = authorizingMember;
        this.members = List.copyOf(members);
        this.issuedAt = schema.createdAt;
    }

    void register(Router router) {
        router.route("GET", "/v2/self", gate.introspection(this::self));
        router.route("GET", "/v2/objects", gate.guard(READ, CONFIG_READ, this::objects));
        router.route("GET", "/v2/objects/{object}", gate.guard(READ, CONFIG_READ, this::object));
        router.route("GET", "/v2/workspace_members", gate.guard(READ, MEMBERS_READ, this::members));
    }

    /** Every member, suspended ones too (Attio never deletes members, so past actions stay attributed). */
    private EmulatorResponse members(EmulatorRequest request, AttioToken token) {
        List<Map<String, Object>> data = members.stream()
                .map(m -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put(
                            "id",
                            Map.of(
                                    "workspace_id", workspace.id().toString(),
                                    "workspace_member_id", m.id().toString()));
                    member.put("first_name", m.firstName());
                    member.put("last_name", m.lastName());
                    member.put("avatar_url", null);
                    member.put("email_address", m.email());
                    member.put("created_at", Timestamps.format(issuedAt));
                    member.put("access_level", m.id().equals(authorizingMember) ? "admin" : "member");
                    return member;
                })
                .toList();
        return EmulatorResponse.json(200, Map.of("data", data));
    }

    private EmulatorResponse self(EmulatorRequest request, AttioToken token) {
        if (!token.active()) {
            return EmulatorResponse.json(200, Map.of("active", false));
        }
        String clientId = Ids.of(workspace.id(), "client", token.value()).toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("scope", String.join(" ", token.scopes().stream().sorted().toList()));
        body.put("client_id", clientId);
        body.put("token_type", "Bearer");
        body.put("exp", null);
        body.put("iat", issuedAt.getEpochSecond());
        body.put("sub", workspace.id().toString());
        body.put("aud", clientId);
        body.put("iss", "attio.com");
        body.put("authorized_by_workspace_member_id", authorizingMember.toString());
        body.put("workspace_id", workspace.id().toString());
        body.put("workspace_name", workspace.name());
        body.put("workspace_slug", workspace.slug());
        body.put("workspace_logo_url", null);
        return EmulatorResponse.json(200, body);
    }

    private EmulatorResponse objects(EmulatorRequest request, AttioToken token) {
        return EmulatorResponse.json(
                200, Map.of("data", schema.objects().stream().map(json::object).toList()));
    }

    private EmulatorResponse object(EmulatorRequest request, AttioToken token) {
        AttioObject object = object(request.pathParam("object"));
        return EmulatorResponse.json(200, Map.of("data", json.object(object)));
    }

    private AttioObject object(String slugOrId) {
        return schema.object(slugOrId).orElseThrow(() -> AttioProblem.objectNotFound(slugOrId));
    }
}
