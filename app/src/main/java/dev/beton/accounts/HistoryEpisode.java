package dev.beton.accounts;

import dev.beton.detection.StoredSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of an account's signal history: a firing, or one cooldown episode of suppressions (the
 * same signal silenced by the same firing, run after run), shown once with how often and since when.
 *
 * @param signal the newest outcome of the episode
 * @param repeats how many runs the episode spans (1 for a firing)
 * @param since the oldest as-of of the episode
 */
record HistoryEpisode(StoredSignal signal, int repeats, Instant since) {

    /** Newest first, as the history is. */
    static List<HistoryEpisode> of(List<StoredSignal> newestFirst) {
        Map<String, HistoryEpisode> episodes = new LinkedHashMap<>();
        List<HistoryEpisode> rows = new ArrayList<>();
        for (StoredSignal signal : newestFirst) {
            Optional<String> episode = episodeKey(signal);
            if (episode.isEmpty()) {
                rows.add(new HistoryEpisode(signal, 1, signal.asOf()));
                continue;
            }
            HistoryEpisode known = episodes.get(episode.get());
            if (known == null) {
                HistoryEpisode first = new HistoryEpisode(signal, 1, signal.asOf());
                episodes.put(episode.get(), first);
                rows.add(first);
            } else {
                HistoryEpisode longer = new HistoryEpisode(known.signal, known.repeats + 1, signal.asOf());
                episodes.put(episode.get(), longer);
                rows.set(rows.indexOf(known), longer);
            }
        }
        return List.copyOf(rows);
    }

    private static Optional<String> episodeKey(StoredSignal signal) {
        if (signal.fired() || signal.lastFiredAt().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(signal.type().key() + "@" + signal.lastFiredAt().get());
    }

    public boolean repeated() {
        return repeats > 1;
    }
}
