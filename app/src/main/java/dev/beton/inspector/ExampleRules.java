package dev.beton.inspector;

import dev.beton.inspector.InspectionRule.Conditions;
import dev.beton.inspector.InspectionRule.Level;
import dev.beton.inspector.InspectionRule.Weights;
import java.util.List;

/**
 * Seed 003's three example rules, given to every workspace once. The seed fixes their conditions;
 * it gives no weights for them, so the PQL and PQA rules take its default weights and the churn
 * rule turns recency around (a positive weight) and ignores active days, because there the accounts
 * silent the longest are the ones to call first; with active days weighted, the busiest accounts
 * came first on the demo, the opposite of a churn list.
 */
final class ExampleRules {

    private ExampleRules() {}

    static final InspectionRule HIGH_INTENT_TRIAL_USERS = new InspectionRule(
            "PQL - High Intent Trial Users",
            "Users who signed up, finished onboarding or created projects often this week and are still active.",
            Level.USER,
            7,
            new Conditions(
                    List.of("signed_up", "completed_onboarding", "created_project"), 10, null, 3, 3, null, null, null),
            Weights.DEFAULT);

    static final InspectionRule ACTIVE_ACCOUNTS_WITH_MULTIPLE_USERS = new InspectionRule(
            "PQA - Active Accounts with Multiple Users",
            "Accounts with at least three active users and fifty events in 30 days, active this week.",
            Level.ACCOUNT,
            30,
            new Conditions(null, null, null, null, 7, null, 3, 50),
            Weights.DEFAULT);

    static final InspectionRule CHURN_RISK = new InspectionRule(
            "Churn Risk - Previously Active, Now Disengaged",
            "Accounts that were very active over 90 days (100+ events); the longer they have been silent, the"
                    + " higher they rank.",
            Level.ACCOUNT,
            90,
            new Conditions(null, null, null, null, 30, null, null, 100),
            new Weights(1.0, 0.0, 1.0));

    static List<InspectionRule> all() {
        return List.of(HIGH_INTENT_TRIAL_USERS, ACTIVE_ACCOUNTS_WITH_MULTIPLE_USERS, CHURN_RISK);
    }
}
