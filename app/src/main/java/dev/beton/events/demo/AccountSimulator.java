package dev.beton.events.demo;

import static dev.beton.events.demo.StandardEvents.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays one account day by day and emits its events as PostHog capture payloads. Behaviour
 * follows the account's hidden profile: a buyer's usage grows, it visits pricing, adopts
 * features, adds teammates, nears its plan limit and talks to support in the weeks before it
 * converts; everybody gets weekends, a monthly rhythm, random spikes and churn as noise.
 */
final class AccountSimulator {

    private static final int PRE_CONVERSION_DAYS = 21;

    private final JsonMapper json;
    private final Instant start;
    private final int days;

    AccountSimulator(JsonMapper json, Instant start, int days) {
        this.json = json;
        this.start = start;
        this.days = days;
    }

    void simulate(AccountProfile account, SplittableRandom random, Consumer<ObjectNode> out) {
        new Run(account, random, out).play();
    }

    private final class Run {
        private final AccountProfile account;
        private final SplittableRandom random;
        private final List<Member> members = new ArrayList<>();
        private final List<String> adopted = new ArrayList<>();
        private final List<Member> identified = new ArrayList<>();
        private final AccountEvents events;
        private final AccountPlan plan;
        private int conversations;

        Run(AccountProfile account, SplittableRandom random, Consumer<ObjectNode> out) {
            this.account = account;
            this.random = random;
            this.events = new AccountEvents(json, start, account, random, out);
            this.plan = new AccountPlan(account, events, random, this::identifyCompany);
            planMembers();
            adopted.add(FEATURES.get(0));
        }

        private void planMembers() {
            String[] roles = {"admin", "engineer", "analyst", "manager", "designer"};
            for (int i = 0; i < account.users(); i++) {
                int join = account.signupDay();
                if (i > 0) {
                    boolean teamGrowth = account.converts() && account.loud() && i >= account.users() - 3;
                    join = teamGrowth
                            ? account.convertDay() - 3 - random.nextInt(PRE_CONVERSION_DAYS - 3)
                            : account.signupDay() + random.nextInt(1, Math.max(2, days - account.signupDay()));
                }
                String first = "user" + i;
                members.add(new Member(
                        first + "@" + account.domain(),
                        first + " of " + account.name(),
                        roles[i % roles.length],
                        join));
            }
        }

        void play() {
            int first = Math.max(0, account.signupDay());
            for (int day = first; day < days; day++) {
                playDay(day);
            }
        }

        private void playDay(int day) {
            Instant morning = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(7));
            if (day == Math.max(0, account.signupDay())) {
                begin(day, morning);
            }
            if (day % 30 == 0) {
                plan.newPeriod();
            }
            plan.trial(day, morning.plus(Duration.ofMinutes(5)), members.getFirst());
            team(day, morning.plus(Duration.ofMinutes(10)));
            double activity = activity(day);
            for (Member member : members) {
                if (member.joinDay() <= day && random.nextDouble() < Math.min(0.95, 0.45 * activity)) {
                    session(member, day, morning.plus(Duration.ofMinutes(60 + random.nextInt(600))), activity);
                }
            }
            intent(day, morning.plus(Duration.ofHours(9)));
            plan.billing(day, morning.plus(Duration.ofHours(10)), members.getFirst());
            if (day % 7 == 0) {
                identifyCompany(morning.plus(Duration.ofHours(15)));
            }
        }

        private void begin(int day, Instant at) {
            Member founder = members.getFirst();
            identify(founder, at);
            identifyCompany(at);
            if (account.signupDay() >= 0) {
                emit(
                        SIGNED_UP,
                        founder,
                        at,
                        props().put("plan", plan.plan().name()).put("signup_method", "email"));
                if (plan.plan() == Plan.TRIAL) {
                    emit(
                            TRIAL_STARTED,
                            founder,
                            at.plusSeconds(30),
                            props().put("trial_days", AccountEvents.TRIAL_DAYS)
                                    .put(
                                            "trial_ends_at",
                                            dayStart(account.signupDay() + AccountEvents.TRIAL_DAYS)
                                                    .toString()));
                }
                if (random.nextDouble() < 0.8) {
                    emit(COMPLETED_ONBOARDING, founder, at.plusSeconds(900), props().put("steps", 5));
                }
                emit(CREATED_PROJECT, founder, at.plusSeconds(1200), props().put("project_id", "p-" + day));
            }
        }

        /** Activity multiplier of the day: weekends, a monthly wave, spikes, growth, churn. */
        private double activity(int day) {
            DayOfWeek weekday =
                    start.plus(Duration.ofDays(day)).atZone(ZoneOffset.UTC).getDayOfWeek();
            double factor = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.25 : 1.0;
            factor *= 1 + 0.15 * Math.sin(2 * Math.PI * day / 30.0);
            factor *= 0.6 + 0.6 * account.intent();
            for (int spike : account.spikeDays()) {
                if (day >= spike && day < spike + 4) {
                    factor *= 2.5;
                }
            }
            if (buildingUp(day)) {
                factor *= 1.3 + 1.5 * (day - (account.convertDay() - PRE_CONVERSION_DAYS)) / PRE_CONVERSION_DAYS;
            } else if (account.converts() && day > account.convertDay()) {
                factor *= 1.6;
            }
            if (account.churns() && day >= account.churnDay()) {
                factor *= 0.03;
            }
            return factor;
        }

        private boolean buildingUp(int day) {
            return account.converts()
                    && account.loud()
                    && day <= account.convertDay()
                    && day > account.convertDay() - PRE_CONVERSION_DAYS;
        }

        private void session(Member member, int day, Instant at, double activity) {
            if (!identified.contains(member)) {
                identify(member, at.minusSeconds(60));
            }
            emit(LOGGED_IN, member, at, props());
            int actions = 1 + poisson(2.5 * activity);
            if (buildingUp(day) && adopted.size() < FEATURES.size() && random.nextDouble() < 0.35) {
                adopt(member, at.plusSeconds(30));
            } else if (random.nextDouble() < 0.03 && adopted.size() < FEATURES.size()) {
                adopt(member, at.plusSeconds(30));
            }
            int weight = (int) Math.min(12, 2 + account.employees() / 150) * (buildingUp(day) ? 3 : 1);
            for (int i = 0; i < actions; i++) {
                action(member, at.plusSeconds(60L * (i + 1) + random.nextInt(50)), weight);
            }
            plan.checkLimits(member, at.plusSeconds(60L * (actions + 2)));
        }

        private void action(Member member, Instant at, int weight) {
            double roll = random.nextDouble();
            String feature = adopted.get(random.nextInt(adopted.size()));
            if (roll < 0.45) {
                emit(FEATURE_USED, member, at, props().put("feature", feature).put("items", weight));
            } else if (roll < 0.70) {
                String path = "/app/" + feature;
                emit(PAGEVIEW, member, at, props().put("$pathname", path).put("$current_url", url(path)));
            } else if (roll < 0.75) {
                emit(CREATED_PROJECT, member, at, props().put("project_id", "p-" + random.nextInt(1000)));
            } else if (roll < 0.82) {
                emit(CREATED_DASHBOARD, member, at, props().put("tiles", 2 + random.nextInt(8)));
            } else if (roll < 0.89) {
                emit(CREATED_REPORT, member, at, props().put("report_type", feature));
            } else if (roll < 0.94) {
                emit(EXPORTED_DATA, member, at, props().put("format", random.nextBoolean() ? "csv" : "xlsx"));
            } else if (adopted.contains("api")) {
                int requests = 20 + random.nextInt(400);
                emit(USED_API, member, at, props().put("requests", requests));
                plan.use(requests / 20);
            } else {
                emit(FEATURE_USED, member, at, props().put("feature", feature).put("items", weight));
            }
            plan.use(weight);
        }

        private void adopt(Member member, Instant at) {
            String feature = FEATURES.get(adopted.size());
            adopted.add(feature);
            emit(FEATURE_USED, member, at, props().put("feature", feature).put("first_use", true));
            if (feature.equals("integrations")) {
                String[] integrations = {"slack", "salesforce", "hubspot", "github"};
                emit(
                        CONNECTED_INTEGRATION,
                        member,
                        at.plusSeconds(20),
                        props().put("integration", integrations[random.nextInt(4)]));
            } else if (feature.equals("api")) {
                emit(API_KEY_CREATED, member, at.plusSeconds(20), props().put("scope", "write"));
            }
        }

        private void team(int day, Instant at) {
            boolean soloBuyer = members.size() == 1 && buildingUp(day) && day == account.convertDay() - 10;
            if (soloBuyer || random.nextDouble() < 0.004) {
                emit(
                        INVITED_TEAMMATE,
                        members.getFirst(),
                        at,
                        props().put("invitee_email", "invitee" + day + "@" + account.domain())
                                .put("role", "member"));
            }
            for (Member member : members.subList(1, members.size())) {
                if (member.joinDay() == day + 1) {
                    emit(
                            INVITED_TEAMMATE,
                            members.getFirst(),
                            at,
                            props().put("invitee_email", member.distinctId()).put("role", member.role()));
                } else if (member.joinDay() == day) {
                    identify(member, at.plusSeconds(30));
                    emit(
                            TEAMMATE_JOINED,
                            member,
                            at.plusSeconds(60),
                            props().put("role", member.role()).put("team_size", (int) members.stream()
                                    .filter(m -> m.joinDay() <= day)
                                    .count()));
                }
            }
        }

        /** Pricing visits and support conversations: loud before a purchase, a trickle otherwise. */
        private void intent(int day, Instant at) {
            boolean close = buildingUp(day) && day > account.convertDay() - 14;
            double pricing = close ? 0.45 : 0.012 + (account.intent() > 0.3 ? 0.03 : 0.0);
            Member someone = activeMember(day);
            if (random.nextDouble() < pricing) {
                int visits = 1 + random.nextInt(3);
                for (int i = 0; i < visits; i++) {
                    emit(
                            PAGEVIEW,
                            someone,
                            at.plusSeconds(40L * i),
                            props().put("$pathname", PRICING_PATH)
                                    .put("$current_url", url(PRICING_PATH))
                                    .put("$referrer", url("/app/settings/billing")));
                }
            }
            double support = buildingUp(day) ? 0.15 : 0.008;
            if (random.nextDouble() < support) {
                String[] topics = {"billing", "sso", "limits", "onboarding", "bug", "security review"};
                String conversation = account.key() + "-c" + (++conversations);
                ObjectNode base = props().put("conversation_id", conversation).put("source", "intercom");
                emit(
                        SUPPORT_CONVERSATION_STARTED,
                        someone,
                        at.plusSeconds(600),
                        base.deepCopy().put("topic", topics[random.nextInt(topics.length)]));
                int messages = 1 + random.nextInt(4);
                for (int i = 0; i < messages; i++) {
                    emit(
                            SUPPORT_MESSAGE_SENT,
                            someone,
                            at.plusSeconds(700L + 120L * i),
                            base.deepCopy().put("author", "user"));
                }
                emit(
                        SUPPORT_CONVERSATION_CLOSED,
                        someone,
                        at.plusSeconds(3600),
                        base.deepCopy().put("resolved", true));
            }
        }

        private Member activeMember(int day) {
            List<Member> active =
                    members.stream().filter(m -> m.joinDay() <= day).toList();
            return active.isEmpty() ? members.getFirst() : active.get(random.nextInt(active.size()));
        }

        private void identify(Member member, Instant at) {
            identified.add(member);
            events.identify(member, at, plan.plan());
        }

        private void identifyCompany(Instant at) {
            int day = events.dayOf(at);
            int seats = (int) members.stream().filter(m -> m.joinDay() <= day).count();
            events.identifyCompany(at, plan.plan(), plan.usage(), seats);
        }

        private void emit(String event, Member member, Instant at, ObjectNode properties) {
            events.emit(event, member, at, properties);
        }

        private ObjectNode props() {
            return events.props();
        }

        private static String url(String path) {
            return AccountEvents.url(path);
        }

        private Instant dayStart(int day) {
            return events.dayStart(day);
        }

        private int poisson(double mean) {
            double limit = Math.exp(-Math.min(mean, 30));
            double product = random.nextDouble();
            int count = 0;
            while (product > limit) {
                product *= random.nextDouble();
                count++;
            }
            return count;
        }
    }
}
