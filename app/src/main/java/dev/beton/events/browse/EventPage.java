package dev.beton.events.browse;

import java.util.List;
import java.util.Optional;

/** One page of events, newest first; {@code next} is absent on the last page. */
public record EventPage(List<StoredEvent> results, Optional<String> next) {}
