package dev.beton.emulator.attio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The workspace's objects and attributes: Attio's standard objects (the subset Beton touches)
 * plus custom attributes from the builder or the API. Objects are fixed; attributes and their
 * options can be added, so attribute access is synchronized.
 */
final class Schema {

    record AttioObject(UUID id, String slug, String singular, String plural) {}

    /** A select option or status. */
    record Option(UUID id, String title, boolean celebration) {}

    record Attribute(
            UUID id,
            UUID objectId,
            String slug,
            String title,
            String type,
            boolean system,
            boolean writable,
            boolean required,
            boolean unique,
            boolean multiselect,
            List<String> allowedObjects,
            List<Option> options) {

        Optional<Option> option(String idOrTitle) {
            return options.stream()
                    .filter(o ->
                            o.title().equals(idOrTitle) || o.id().toString().equals(idOrTitle))
                    .findFirst();
        }
    }

    final UUID workspaceId;
    final Instant createdAt;
    private final List<AttioObject> objects = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private final java.util.Map<UUID, Attribute> inverses = new java.util.HashMap<>();

    Schema(UUID workspaceId, Instant createdAt, boolean dealsEnabled, List<CustomAttribute> custom) {
        this.workspaceId = workspaceId;
        this.createdAt = createdAt;
        standardObjects(dealsEnabled);
        custom.forEach(this::addConfigured);
    }

    List<AttioObject> objects() {
        return List.copyOf(objects);
    }

    /** By slug or id, as every {@code {object}} path parameter accepts both. */
    Optional<AttioObject> object(String slugOrId) {
        return objects.stream()
                .filter(o -> o.slug().equals(slugOrId) || o.id().toString().equals(slugOrId))
                .findFirst();
    }

    synchronized List<Attribute> attributes(AttioObject object) {
        return attributes.stream().filter(a -> a.objectId().equals(object.id())).toList();
    }

    synchronized Optional<Attribute> attribute(AttioObject object, String slugOrId) {
        return attributes(object).stream()
                .filter(a -> a.slug().equals(slugOrId) || a.id().toString().equals(slugOrId))
                .findFirst();
    }

    /**
     * Adds a user-defined attribute.
     *
     * @throws AttioProblem 409 {@code slug_conflict} when the object has the slug already
     */
    synchronized Attribute addCustom(
            AttioObject object,
            String slug,
            String title,
            String type,
            boolean unique,
            boolean multiselect,
            List<String> allowedObjects) {
        if (attribute(object, slug).isPresent()) {
            throw new AttioProblem(
                    409,
                    "invalid_request_error",
                    "slug_conflict",
                    "An attribute with the same API slug \"" + slug + "\" already exists on " + object.slug() + ".");
        }
        Attribute attribute = new Attribute(
                Ids.of(workspaceId, "attribute", object.slug(), slug),
                object.id(),
                slug,
                title,
                type,
                false,
                true,
                false,
                unique,
                multiselect,
                List.copyOf(allowedObjects),
                List.of());
        attributes.add(attribute);
        return attribute;
    }

    /**
     * Adds a select option.
     *
     * @throws AttioProblem 409 {@code slug_conflict} when the title exists already
     */
    synchronized Option addOption(Attribute attribute, String title) {
        Attribute current = attributes.stream()
                .filter(a -> a.id().equals(attribute.id()))
                .findFirst()
                .orElseThrow();
        if (current.option(title).isPresent()) {
            throw new AttioProblem(
                    409,
                    "invalid_request_error",
                    "slug_conflict",
                    "An option with the title \"" + title + "\" already exists.");
        }
        Attribute updated = withOptions(
                current,
                java.util.stream.Stream.concat(
                                current.options().stream().map(Option::title), java.util.stream.Stream.of(title))
                        .toArray(String[]::new));
        attributes.set(attributes.indexOf(current), updated);
        return updated.option(title).orElseThrow();
    }

    private void standardObjects(boolean dealsEnabled) {
        AttioObject people = object("people", "Person", "People");
        AttioObject companies = object("companies", "Company", "Companies");
        attribute(companies, "name", "Name", "text", false, false, false, List.of());
        attribute(companies, "domains", "Domains", "domain", false, true, true, List.of());
        attribute(companies, "description", "Description", "text", false, false, false, List.of());
        attribute(people, "name", "Name", "personal-name", false, false, false, List.of());
        attribute(people, "email_addresses", "Email addresses", "email-address", false, true, true, List.of());
        attribute(people, "job_title", "Job title", "text", false, false, false, List.of());
        Attribute company =
                attribute(people, "company", "Company", "record-reference", false, false, false, List.of("companies"));
        Attribute team =
                attribute(companies, "team", "Team", "record-reference", false, false, true, List.of("people"));
        relate(company, team);
        if (dealsEnabled) {
            AttioObject deals = object("deals", "Deal", "Deals");
            attribute(deals, "name", "Deal name", "text", true, false, false, List.of());
            Attribute stage = attribute(deals, "stage", "Deal stage", "status", true, false, false, List.of());
            attributes.set(attributes.indexOf(stage), withOptions(stage, "Lead", "In Progress", "Won 🎉", "Lost"));
            attribute(deals, "owner", "Deal owner", "actor-reference", true, false, false, List.of());
            attribute(deals, "value", "Deal value", "currency", false, false, false, List.of());
            relate(
                    attribute(
                            deals,
                            "associated_people",
                            "Associated people",
                            "record-reference",
                            false,
                            false,
                            true,
                            List.of("people")),
                    attribute(
                            people,
                            "associated_deals",
                            "Associated deals",
                            "record-reference",
                            false,
                            false,
                            true,
                            List.of("deals")));
            relate(
                    attribute(
                            deals,
                            "associated_company",
                            "Associated company",
                            "record-reference",
                            false,
                            false,
                            false,
                            List.of("companies")),
                    attribute(
                            companies,
                            "associated_deals",
                            "Associated deals",
                            "record-reference",
                            false,
                            false,
                            true,
                            List.of("deals")));
        }
        AttioObject users = object("users", "User", "Users");
        attribute(users, "user_id", "ID", "text", false, true, false, List.of());
        attribute(users, "primary_email_address", "Email", "email-address", false, false, false, List.of());
        attribute(users, "person", "Person", "record-reference", false, false, false, List.of("people"));
        AttioObject workspaces = object("workspaces", "Workspace", "Workspaces");
        attribute(workspaces, "workspace_id", "ID", "text", false, true, false, List.of());
        attribute(workspaces, "name", "Name", "text", false, false, false, List.of());
        attribute(workspaces, "company", "Company", "record-reference", false, false, false, List.of("companies"));
        for (AttioObject o : objects) {
            // Every object carries when and by whom a record was created; neither is writable.
            systemAttribute(o, "created_at", "Created at", "timestamp");
            systemAttribute(o, "created_by", "Created by", "actor-reference");
        }
    }

    /** The attribute on the other side of a relationship, which Attio keeps in step. */
    Optional<Attribute> inverse(Attribute attribute) {
        return Optional.ofNullable(inverses.get(attribute.id()));
    }

    private void relate(Attribute one, Attribute other) {
        inverses.put(one.id(), other);
        inverses.put(other.id(), one);
    }

    private AttioObject object(String slug, String singular, String plural) {
        AttioObject object = new AttioObject(Ids.of(workspaceId, "object", slug), slug, singular, plural);
        objects.add(object);
        return object;
    }

    private Attribute attribute(
            AttioObject o,
            String slug,
            String title,
            String type,
            boolean required,
            boolean unique,
            boolean multiselect,
            List<String> allowed) {
        Attribute attribute = new Attribute(
                Ids.of(workspaceId, "attribute", o.slug(), slug),
                o.id(),
                slug,
                title,
                type,
                true,
                true,
                required,
                unique,
                multiselect,
                allowed,
                List.of());
        attributes.add(attribute);
        return attribute;
    }

    private void systemAttribute(AttioObject o, String slug, String title, String type) {
        Attribute a = attribute(o, slug, title, type, false, false, false, List.of());
        attributes.set(
                attributes.indexOf(a),
                new Attribute(
                        a.id(),
                        a.objectId(),
                        slug,
                        title,
                        type,
                        true,
                        false,
                        false,
                        false,
                        false,
                        List.of(),
                        List.of()));
    }

    private Attribute withOptions(Attribute a, String... titles) {
        List<Option> options = new ArrayList<>();
        for (String title : titles) {
            options.add(new Option(
                    Ids.of(workspaceId, "option", a.id().toString(), title), title, title.startsWith("Won")));
        }
        return new Attribute(
                a.id(),
                a.objectId(),
                a.slug(),
                a.title(),
                a.type(),
                a.system(),
                a.writable(),
                a.required(),
                a.unique(),
                a.multiselect(),
                a.allowedObjects(),
                List.copyOf(options));
    }

    private void addConfigured(CustomAttribute custom) {
        AttioObject o = object(custom.object())
                .orElseThrow(() -> new IllegalStateException("custom attribute " + custom.apiSlug() + " is on object "
                        + custom.object() + ", which this workspace does not have"));
        if (attribute(o, custom.apiSlug()).isPresent()) {
            throw new IllegalStateException(custom.object() + " already has an attribute " + custom.apiSlug());
        }
        Attribute added = addCustom(
                o, custom.apiSlug(), custom.apiSlug(), custom.type(), custom.unique(), custom.multiselect(), List.of());
        custom.options().forEach(title -> addOption(added, title));
    }
}
