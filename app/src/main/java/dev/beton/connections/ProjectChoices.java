package dev.beton.connections;

import dev.beton.posthog.PostHogProjectRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The projects a PostHog key can see, kept in the connection's settings as "id name" lines so the
 * page can offer another project without asking for the key again.
 */
final class ProjectChoices {

    static final String SETTING = "project_choices";

    private ProjectChoices() {}

    static String encode(List<PostHogProjectRef> projects) {
        StringBuilder lines = new StringBuilder();
        for (PostHogProjectRef project : projects) {
            lines.append(project.id())
                    .append(' ')
                    .append(project.name().replaceAll("[\\r\\n]+", " "))
                    .append('\n');
        }
        return lines.toString();
    }

    static List<PostHogProjectRef> decode(String lines) {
        List<PostHogProjectRef> projects = new ArrayList<>();
        for (String line : lines.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).matches("\\d{1,18}")) {
                projects.add(
                        new PostHogProjectRef(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
            }
        }
        return projects;
    }
}
