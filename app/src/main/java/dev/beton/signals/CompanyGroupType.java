package dev.beton.signals;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Accounts are groups of the "company" group type. PostHog numbers a project's group types 0–4 in
 * order of first use, so the index is looked up per workspace (PostHog {@code /groups_types/}, or
 * the warehouse's {@code group_types} table) and never assumed to be 0.
 */
public final class CompanyGroupType {

    public static final String NAME = "company";

    private CompanyGroupType() {}

    /**
     * @param groupTypesByIndex group type name by index, as the workspace defines them
     * @return the index of {@value #NAME}, or empty when the workspace has no such group type
     */
    public static OptionalInt indexIn(Map<Integer, String> groupTypesByIndex) {
        return groupTypesByIndex.entrySet().stream()
                .filter(e -> NAME.equals(e.getValue()))
                .mapToInt(Map.Entry::getKey)
                .filter(index -> index >= 0 && index <= 4)
                .min();
    }
}
