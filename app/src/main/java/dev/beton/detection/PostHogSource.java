package dev.beton.detection;

import dev.beton.posthog.PostHogException;
import dev.beton.posthog.PostHogTarget;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.signals.CompanyGroupType;
import java.util.OptionalInt;

/**
 * The workspace's PostHog project. The company group type's index is read from PostHog's
 * {@code /groups_types/} for every run: PostHog numbers types in order of first use, so it is never
 * assumed to be 0, and a project without one yet is a run error that says what to send.
 */
record PostHogSource(PostHogTarget target, QueryRunner runner, PostHogRunners gateway) implements DetectionSource {

    @Override
    public Dialect dialect() {
        return Dialect.HOGQL;
    }

    @Override
    public OptionalInt companyIndex() {
        try {
            return OptionalInt.of(gateway.metadata(target, () -> target.client()
                    .groupTypeIndex(target.key(), target.projectId(), CompanyGroupType.NAME)));
        } catch (PostHogException.NotFound e) {
            throw new NoCompanyGroupType(e.getMessage());
        }
    }

    @Override
    public String description() {
        return "PostHog project " + target.projectId() + " at "
                + target.client().baseUrl();
    }

    /** PostHog answered, but the project has no "company" group type: accounts cannot be told apart. */
    static final class NoCompanyGroupType extends RuntimeException {
        NoCompanyGroupType(String message) {
            super(message);
        }
    }
}
