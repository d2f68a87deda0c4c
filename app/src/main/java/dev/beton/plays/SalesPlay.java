package dev.beton.plays;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sales play for one account, every point citing the facts it rests on.
 *
 * @param writer {@code template} (deterministic) or {@code llm:<model>}
 * @param facts every fact gathered, numbered; {@link #cited()} those the play uses
 */
public record SalesPlay(
        String accountKey, String companyName, Instant asOf, String writer, List<Section> sections, List<Fact> facts) {

    public SalesPlay {
        sections = List.copyOf(sections);
        facts = List.copyOf(facts);
    }

    /** A heading (why now, who to contact, …) and its points. */
    public record Section(String title, List<Point> points) {
        public Section {
            points = List.copyOf(points);
        }
    }

    /** One sentence of the play and the ids of the facts behind it. */
    public record Point(String text, List<String> facts) {
        public Point {
            facts = List.copyOf(facts);
        }
    }

    static final List<String> TITLES = List.of("Why now", "Who to contact", "Talking points", "Next steps", "Risks");

    /** The facts some point cites, in their numbered order. */
    public List<Fact> cited() {
        Set<String> ids = new LinkedHashSet<>();
        sections.forEach(s -> s.points().forEach(p -> ids.addAll(p.facts())));
        return facts.stream().filter(f -> ids.contains(f.id())).toList();
    }
}
