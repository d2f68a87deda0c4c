package dev.beton.events.demo;

import static dev.beton.events.demo.StandardEvents.CHECKOUT_COMPLETED;
import static dev.beton.events.demo.StandardEvents.CHECKOUT_STARTED;
import static dev.beton.events.demo.StandardEvents.HIT_PLAN_LIMIT;
import static dev.beton.events.demo.StandardEvents.INVOICE_PAID;
import static dev.beton.events.demo.StandardEvents.PAYMENT_FAILED;
import static dev.beton.events.demo.StandardEvents.SUBSCRIPTION_CANCELLED;
import static dev.beton.events.demo.StandardEvents.SUBSCRIPTION_DOWNGRADED;
import static dev.beton.events.demo.StandardEvents.SUBSCRIPTION_UPGRADED;
import static dev.beton.events.demo.StandardEvents.TRIAL_ENDED;
import static dev.beton.events.demo.StandardEvents.TRIAL_ENDING_SOON;
import static dev.beton.events.demo.StandardEvents.USAGE_LIMIT_WARNING;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * An account's plan over time: usage against its limit, the trial running out, checkout,
 * conversion, invoices, a failed payment, downgrade and cancellation (Stripe-like events).
 */
final class AccountPlan {

    private final AccountProfile account;
    private final AccountEvents events;
    private final SplittableRandom random;
    private final Consumer<Instant> companyChanged;
    private Plan plan;
    private int usage;
    private boolean warnedThisPeriod;
    private boolean blockedThisPeriod;

    AccountPlan(
            AccountProfile account, AccountEvents events, SplittableRandom random, Consumer<Instant> companyChanged) {
        this.account = account;
        this.events = events;
        this.random = random;
        this.companyChanged = companyChanged;
        this.plan = account.startPlan() == Plan.TRIAL && account.signupDay() + AccountEvents.TRIAL_DAYS < 0
                ? Plan.FREE
                : account.startPlan();
    }

    Plan plan() {
        return plan;
    }

    int usage() {
        return usage;
    }

    void use(int items) {
        usage += items;
    }

    /** Usage is counted per 30-day period. */
    void newPeriod() {
        usage = 0;
        warnedThisPeriod = false;
        blockedThisPeriod = false;
    }

    void checkLimits(Member member, Instant at) {
        double ratio = usage / (double) plan.usageLimit();
        if (ratio >= 0.8 && !warnedThisPeriod) {
            warnedThisPeriod = true;
            events.emit(USAGE_LIMIT_WARNING, member, at, limitProps(ratio));
        }
        if (ratio >= 1.0 && !blockedThisPeriod) {
            blockedThisPeriod = true;
            events.emit(HIT_PLAN_LIMIT, member, at.plusSeconds(10), limitProps(ratio));
        }
    }

    private ObjectNode limitProps(double ratio) {
        return events.props()
                .put("resource", "work_items")
                .put("usage", usage)
                .put("limit", plan.usageLimit())
                .put("percent", Math.round(ratio * 100))
                .put("plan", plan.name());
    }

    void trial(int day, Instant at, Member founder) {
        if (plan != Plan.TRIAL) {
            return;
        }
        int left = account.signupDay() + AccountEvents.TRIAL_DAYS - day;
        if (left == 7 || left == 3 || left == 1) {
            events.emit(
                    TRIAL_ENDING_SOON,
                    founder,
                    at,
                    events.props()
                            .put("days_left", left)
                            .put("trial_ends_at", events.dayStart(day + left).toString()));
        } else if (left <= 0) {
            plan = Plan.FREE;
            events.emit(TRIAL_ENDED, founder, at, events.props().put("converted", false));
            companyChanged.accept(at.plusSeconds(5));
        }
    }

    void billing(int day, Instant at, Member founder) {
        if (account.converts() && account.loud() && day == account.convertDay() - 2) {
            events.emit(CHECKOUT_STARTED, founder, at, checkout(account.convertsTo()));
        }
        if (account.converts() && day == account.convertDay()) {
            convert(founder, at);
        } else if (plan.paid() && (day - account.convertDay()) % 30 == 0) {
            events.emit(INVOICE_PAID, founder, at.plusSeconds(3600), paid(plan.monthlyPrice()));
        }
        if (plan.paid() && day == account.paymentFailDay()) {
            events.emit(
                    PAYMENT_FAILED,
                    founder,
                    at.plusSeconds(1800),
                    paid(plan.monthlyPrice()).put("reason", "card_declined"));
        }
        if (plan == Plan.PRO && day == account.downgradeDay()) {
            events.emit(
                    SUBSCRIPTION_DOWNGRADED,
                    founder,
                    at.plusSeconds(7200),
                    events.props().put("from_plan", "pro").put("to_plan", "starter"));
            plan = Plan.STARTER;
            companyChanged.accept(at.plusSeconds(7300));
        }
        if (!plan.paid() && !account.converts() && account.intent() > 0.3 && random.nextDouble() < 0.004) {
            events.emit(
                    CHECKOUT_STARTED,
                    founder,
                    at,
                    checkout(account.convertsTo()).put("abandoned", true));
        }
        if (account.churns() && day == account.churnDay() && plan.paid()) {
            events.emit(
                    SUBSCRIPTION_CANCELLED,
                    founder,
                    at.plusSeconds(9000),
                    events.props().put("plan", plan.name()));
            plan = Plan.FREE;
            companyChanged.accept(at.plusSeconds(9100));
        }
    }

    private void convert(Member founder, Instant at) {
        Plan from = plan;
        Plan to = account.convertsTo();
        if (!account.loud()) {
            events.emit(CHECKOUT_STARTED, founder, at.minusSeconds(600), checkout(to));
        }
        events.emit(CHECKOUT_COMPLETED, founder, at, checkout(to));
        plan = to;
        events.emit(
                SUBSCRIPTION_UPGRADED,
                founder,
                at.plusSeconds(5),
                events.props()
                        .put("from_plan", from.name())
                        .put("to_plan", to.name())
                        .put("mrr", to.monthlyPrice()));
        events.emit(INVOICE_PAID, founder, at.plusSeconds(10), paid(to.monthlyPrice()));
        companyChanged.accept(at.plusSeconds(20));
    }

    private ObjectNode checkout(Plan target) {
        return events.props()
                .put("plan", target.name())
                .put("amount", target.monthlyPrice())
                .put("currency", "usd")
                .put("source", "stripe");
    }

    private ObjectNode paid(int amount) {
        return events.props().put("amount", amount).put("source", "stripe");
    }
}
