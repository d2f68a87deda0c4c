package dev.beton.events.grouptypes;

/**
 * A group type recent events use that has no slot: kept on the events, but not grouped by.
 *
 * @param name the type's name in {@code $groups}
 * @param events how many of the recent events use it
 */
public record UnslottedGroupType(String name, long events) {}
