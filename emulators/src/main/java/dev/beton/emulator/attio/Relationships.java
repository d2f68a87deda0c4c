package dev.beton.emulator.attio;

import dev.beton.emulator.attio.RecordStore.StoredRecord;
import dev.beton.emulator.attio.Schema.AttioObject;
import dev.beton.emulator.attio.Schema.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Keeps both sides of a relationship in step, as Attio does: setting a deal's
 * {@code associated_company} lists the deal in the company's {@code associated_deals}, and a
 * single-valued side that gets a new target leaves its old one. Called with the store locked.
 */
final class Relationships {

    private final Schema schema;
    private final BiFunction<AttioObject, UUID, Optional<StoredRecord>> find;

    /**
     * @param find looks a record up by object and id
     */
    Relationships(Schema schema, BiFunction<AttioObject, UUID, Optional<StoredRecord>> find) {
        this.schema = schema;
        this.find = find;
    }

    /** Mirrors a change of {@code attribute} on {@code record} from the targets {@code before}. */
    void mirror(StoredRecord record, Attribute attribute, Set<UUID> before, UnaryOperator<Map<String, Object>> stamp) {
        Optional<Attribute> inverse = schema.inverse(attribute);
        if (inverse.isEmpty()) {
            return;
        }
        AttioObject other = objectOf(inverse.get());
        Set<UUID> after = targets(record, attribute);
        for (UUID gone : before) {
            if (!after.contains(gone)) {
                unlink(other, gone, inverse.get(), record.id);
            }
        }
        for (UUID added : after) {
            if (!before.contains(added)) {
                link(other, added, inverse.get(), record, attribute, stamp);
            }
        }
    }

    /** A deleted record disappears from every relationship that pointed at it. */
    void forget(StoredRecord record) {
        for (Attribute attribute : schema.attributes(record.object)) {
            schema.inverse(attribute).ifPresent(inverse -> targets(record, attribute)
                    .forEach(target -> unlink(objectOf(inverse), target, inverse, record.id)));
        }
    }

    static Set<UUID> targets(StoredRecord record, Attribute attribute) {
        Set<UUID> ids = new LinkedHashSet<>();
        record.values.getOrDefault(attribute.slug(), List.of()).forEach(v -> {
            if (v.get("target_record_id") instanceof String id) {
                ids.add(UUID.fromString(id));
            }
        });
        return ids;
    }

    private void link(
            AttioObject other,
            UUID targetId,
            Attribute inverse,
            StoredRecord source,
            Attribute sourceAttribute,
            UnaryOperator<Map<String, Object>> stamp) {
        Optional<StoredRecord> target = find.apply(other, targetId);
        if (target.isEmpty() || targets(target.get(), inverse).contains(source.id)) {
            return;
        }
        Set<UUID> previous = targets(target.get(), inverse);
        List<Map<String, Object>> values = new ArrayList<>(target.get().values.getOrDefault(inverse.slug(), List.of()));
        if (!inverse.multiselect()) {
            values.clear();
            previous.forEach(old -> unlink(source.object, old, sourceAttribute, targetId));
        }
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("target_object", source.object.slug());
        reference.put("target_record_id", source.id.toString());
        reference.put("attribute_type", "record-reference");
        values.add(stamp.apply(reference));
        target.get().values.put(inverse.slug(), values);
    }

    private void unlink(AttioObject other, UUID targetId, Attribute inverse, UUID sourceId) {
        find.apply(other, targetId).ifPresent(target -> {
            List<Map<String, Object>> values = new ArrayList<>(target.values.getOrDefault(inverse.slug(), List.of()));
            values.removeIf(v -> sourceId.toString().equals(v.get("target_record_id")));
            target.values.put(inverse.slug(), values);
        });
    }

    private AttioObject objectOf(Attribute attribute) {
        return schema.objects().stream()
                .filter(o -> o.id().equals(attribute.objectId()))
                .findFirst()
                .orElseThrow();
    }
}
