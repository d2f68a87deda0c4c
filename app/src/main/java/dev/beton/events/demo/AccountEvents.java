package dev.beton.events.demo;

import static dev.beton.events.demo.StandardEvents.COMPANY;
import static dev.beton.events.demo.StandardEvents.GROUP_IDENTIFY;
import static dev.beton.events.demo.StandardEvents.IDENTIFY;

import dev.beton.events.ingest.Uuids;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds one account's events as PostHog capture payloads, with uuids from the account's random. */
final class AccountEvents {

    static final int TRIAL_DAYS = 14;

    private final JsonMapper json;
    private final Instant start;
    private final AccountProfile account;
    private final SplittableRandom random;
    private final Consumer<ObjectNode> out;

    AccountEvents(
            JsonMapper json, Instant start, AccountProfile account, SplittableRandom random, Consumer<ObjectNode> out) {
        this.json = json;
        this.start = start;
        this.account = account;
        this.random = random;
        this.out = out;
    }

    /** Event properties with the account's company group. */
    ObjectNode props() {
        ObjectNode properties = json.createObjectNode();
        properties.putObject("$groups").put(COMPANY, account.key());
        return properties;
    }

    void emit(String event, Member member, Instant at, ObjectNode properties) {
        raw(event, member.distinctId(), at, properties);
    }

    void identify(Member member, Instant at, Plan plan) {
        ObjectNode set = json.createObjectNode()
                .put("email", member.distinctId())
                .put("name", member.name())
                .put("role", member.role())
                .put("company", account.name());
        ObjectNode properties = props();
        properties.set("$set", set);
        properties.set("$set_once", json.createObjectNode().put("first_seen_plan", plan.name()));
        emit(IDENTIFY, member, at, properties);
    }

    /** A {@code $groupidentify} with the company's current state. */
    void identifyCompany(Instant at, Plan plan, int usage, int seats) {
        ObjectNode set = json.createObjectNode()
                .put("name", account.name())
                .put("domain", account.domain())
                .put("industry", account.industry())
                .put("employees", account.employees())
                .put("plan", plan.name())
                .put("plan_usage", usage)
                .put("plan_limit", plan.usageLimit())
                .put("seats", seats)
                .put("seat_limit", plan.seatLimit())
                .put("mrr", plan.monthlyPrice())
                .put("signed_up_at", dayStart(account.signupDay()).toString());
        if (plan == Plan.TRIAL) {
            set.put("trial_ends_at", dayStart(account.signupDay() + TRIAL_DAYS).toString());
        } else {
            set.putNull("trial_ends_at");
        }
        ObjectNode properties =
                json.createObjectNode().put("$group_type", COMPANY).put("$group_key", account.key());
        properties.set("$group_set", set);
        raw(GROUP_IDENTIFY, "company:" + account.key(), at, properties);
    }

    /** Days since the window's start of an instant. */
    int dayOf(Instant at) {
        return (int) Duration.between(start, at).toDays();
    }

    Instant dayStart(int day) {
        return start.plus(Duration.ofDays(day));
    }

    static String url(String path) {
        return "https://app.demo-product.com" + path;
    }

    private void raw(String event, String distinctId, Instant at, ObjectNode properties) {
        ObjectNode node = json.createObjectNode()
                .put("event", event)
                .put("distinct_id", distinctId)
                .put("uuid", Uuids.timeOrdered(at, random).toString())
                .put("timestamp", at.toString());
        node.set("properties", properties);
        out.accept(node);
    }
}
