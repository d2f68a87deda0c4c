package dev.beton.plays;

import dev.beton.enrichment.Firmographics;
import dev.beton.signals.SignalType;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic play: fixed sentences chosen by the facts, so the same facts always give the
 * same play (reproducible, testable, explainable). Every point cites the facts it rests on.
 */
final class TemplatePlay {

    static final String WRITER = "template";

    private TemplatePlay() {}

    static SalesPlay write(PlayFacts p) {
        FactSheet sheet = FactSheet.of(p);
        return new SalesPlay(
                p.accountKey(),
                p.companyName(),
                p.asOf(),
                WRITER,
                List.of(
                        new SalesPlay.Section("Why now", whyNow(p, sheet)),
                        new SalesPlay.Section("Who to contact", whoToContact(p, sheet)),
                        new SalesPlay.Section("Talking points", talkingPoints(p, sheet)),
                        new SalesPlay.Section("Next steps", nextSteps(p, sheet)),
                        new SalesPlay.Section("Risks", risks(p, sheet))),
                sheet.all());
    }

    private static List<SalesPlay.Point> whyNow(PlayFacts p, FactSheet sheet) {
        List<SalesPlay.Point> points = new ArrayList<>();
        p.score()
                .ifPresent(s -> points.add(point(
                        s.hot()
                                ? "Scored " + s.value() + "/100 and in the hot queue: buying signals are fresh."
                                : "Scored " + s.value() + "/100 in the latest detection.",
                        sheet.ids("score"))));
        for (PlayFacts.Signal s : p.signals()) {
            points.add(point(
                    capitalised(s.evidence()), sheet.ids("signal:" + s.type().key())));
        }
        p.usageChange()
                .filter(c -> c >= 20)
                .ifPresent(c -> points.add(point("Usage is up " + c + " % week over week.", sheet.ids("usage"))));
        if (points.isEmpty()) {
            points.add(point("No buying signal yet: treat this as research, not outreach.", sheet.ids("usage")));
        }
        return points;
    }

    private static List<SalesPlay.Point> whoToContact(PlayFacts p, FactSheet sheet) {
        List<SalesPlay.Point> points = new ArrayList<>();
        for (int i = 0; i < p.champions().size(); i++) {
            PlayFacts.Champion c = p.champions().get(i);
            String role = i == 0 ? "Champion: " : "Also active: ";
            points.add(point(
                    role + c.label() + ", " + FactSheet.counted(c.events(), "event") + " in 30 days.",
                    sheet.ids("champion:" + c.distinctId())));
        }
        if (p.champions().isEmpty()) {
            points.add(
                    point("No active user in the last 30 days: find a contact in the CRM first.", sheet.ids("usage")));
        }
        p.deal()
                .flatMap(d -> d.ownerShown())
                .ifPresent(owner -> points.add(point(
                        "Coordinate with the deal owner (" + owner + ") before reaching out.", sheet.ids("deal"))));
        if (p.deal().flatMap(d -> d.ownerShown()).isEmpty()) {
            p.firmographics()
                    .flatMap(Firmographics::owner)
                    .ifPresent(owner -> points.add(point("Account owner: " + owner + ".", sheet.ids("firmographics"))));
        }
        return points;
    }

    private static List<SalesPlay.Point> talkingPoints(PlayFacts p, FactSheet sheet) {
        List<SalesPlay.Point> points = new ArrayList<>();
        for (PlayFacts.Signal s : p.signals()) {
            points.add(
                    point(talkingPoint(s.type()), sheet.ids("signal:" + s.type().key())));
        }
        p.firmographics()
                .flatMap(f -> f.industry()
                        .map(i -> i
                                + f.employeeRange()
                                        .map(r -> " (" + r + " employees)")
                                        .orElse("")))
                .ifPresent(profile -> points.add(
                        point("Bring a reference customer from " + profile + ".", sheet.ids("firmographics"))));
        if (points.isEmpty()) {
            points.add(point("Ask what they are trying to get done with the product.", sheet.ids("usage")));
        }
        return points;
    }

    static String talkingPoint(SignalType type) {
        return switch (type.key()) {
            case "pricing_intent" ->
                "They are reading pricing: offer a walkthrough of plans and what an upgrade unlocks.";
            case "billing_intent" -> "They started checkout or an upgrade: offer help finishing it and annual terms.";
            case "feature_adoption" ->
                "They are adopting new features: show the advanced workflows that build on them.";
            case "team_growth" -> "The team is growing: talk about seats, roles and admin controls.";
            case "usage_spike" -> "Usage jumped: ask what changed and whether limits or performance matter now.";
            case "limit_approaching" -> "They are near the plan limit: show the next tier before they hit it.";
            case "trial_expiring" -> "The trial ends soon: agree on success criteria and a decision date.";
            case "support_engagement" -> "They are talking to support: check the open questions are answered first.";
            default -> "They match the rule \"" + type.label() + "\": ask what they are trying to get done.";
        };
    }

    private static List<SalesPlay.Point> nextSteps(PlayFacts p, FactSheet sheet) {
        List<SalesPlay.Point> points = new ArrayList<>();
        if (!p.champions().isEmpty()) {
            points.add(point(
                    "Reach out to " + p.champions().getFirst().distinctId()
                            + " within 24 hours, referring to what they did this week.",
                    sheet.ids("champion:" + p.champions().getFirst().distinctId())));
        }
        if (p.deal().isEmpty()) {
            points.add(point("Create the deal in the CRM once the champion replies.", sheet.ids("deal")));
        } else if (p.deal().get().closed()) {
            points.add(point("The last deal is closed: open a new episode only on a new need.", sheet.ids("deal")));
        } else {
            points.add(point(
                    "Move the open deal past stage " + p.deal().get().stage().orElse("(unknown)") + ".",
                    sheet.ids("deal")));
        }
        return points;
    }

    private static List<SalesPlay.Point> risks(PlayFacts p, FactSheet sheet) {
        List<SalesPlay.Point> points = new ArrayList<>();
        p.usageChange()
                .filter(c -> c <= -20)
                .ifPresent(c -> points.add(point("Usage fell " + -c + " % week over week.", sheet.ids("usage"))));
        if (p.champions().size() == 1) {
            points.add(point(
                    "Single-threaded: only one active user.",
                    sheet.ids("champion:" + p.champions().getFirst().distinctId())));
        }
        if (p.signals().stream().anyMatch(s -> s.type().equals(SignalType.SUPPORT_ENGAGEMENT))) {
            points.add(
                    point("Open support issues may colour the conversation.", sheet.ids("signal:support_engagement")));
        }
        if (p.firmographics().map(Firmographics::simulated).orElse(false)) {
            points.add(point(
                    "The firmographics are simulated for the demo: verify them before using them.",
                    sheet.ids("firmographics")));
        }
        if (points.isEmpty()) {
            points.add(point("No risk stands out in Beton's facts.", List.of()));
        }
        return points;
    }

    private static SalesPlay.Point point(String text, List<String> facts) {
        return new SalesPlay.Point(text, facts);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
