package dev.beton.events.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One validated, normalized event on its way into a workspace's store: what capture, file import
 * and the demo generator all hand to {@link EventIngestion}.
 *
 * @param timestamp when the event happened (UTC), after clock-skew correction
 * @param propertiesJson the event's properties as a JSON object text (never null)
 * @param groups group type → group key, from {@code $groups}
 * @param person what the event does to persons
 * @param groupIdentify present for {@code $groupidentify} events
 */
public record IncomingEvent(
        UUID uuid,
        String event,
        String distinctId,
        Instant timestamp,
        String propertiesJson,
        Map<String, String> groups,
        PersonUpdate person,
        Optional<GroupIdentify> groupIdentify) {

    /**
     * @param process false when {@code $process_person_profile} is false: no person is created or
     *     changed
     * @param set properties to overwrite ({@code $set}); empty when none
     * @param setOnce properties to set only when absent ({@code $set_once}); empty when none
     * @param linkedIds other distinct ids that now belong to this event's person ({@code
     *     $anon_distinct_id} of {@code $identify}, {@code alias} of {@code $create_alias})
     */
    public record PersonUpdate(boolean process, ObjectNode set, ObjectNode setOnce, List<String> linkedIds) {

        boolean changesProperties() {
            return process && (!set.isEmpty() || !setOnce.isEmpty());
        }
    }

    /** A {@code $groupidentify}: upsert the group {@code (type, key)} with {@code set} merged in. */
    public record GroupIdentify(String type, String key, ObjectNode set) {}
}
