package dev.beton.events.grouptypes;

/**
 * One of a workspace's group types.
 *
 * @param index its slot: events carry its group keys in {@code $group_<index>}
 * @param name the name events use in {@code $groups} and {@code $groupidentify}
 * @param groups how many groups of this type are stored
 */
public record GroupType(int index, String name, long groups) {}
