package dev.beton.events.demo;

import java.util.List;

/**
 * The library of 31 standard PLG events the demo world emits (documented with their properties
 * in {@code docs/DEMO-DATA.md}). Signals and dashboards read these names.
 */
public final class StandardEvents {

    public static final String SIGNED_UP = "signed_up";
    public static final String COMPLETED_ONBOARDING = "completed_onboarding";
    public static final String CREATED_PROJECT = "created_project";
    public static final String INVITED_TEAMMATE = "invited_teammate";
    public static final String TEAMMATE_JOINED = "teammate_joined";
    public static final String LOGGED_IN = "logged_in";
    public static final String PAGEVIEW = "$pageview";
    public static final String FEATURE_USED = "feature_used";
    public static final String CREATED_DASHBOARD = "created_dashboard";
    public static final String CREATED_REPORT = "created_report";
    public static final String EXPORTED_DATA = "exported_data";
    public static final String CONNECTED_INTEGRATION = "connected_integration";
    public static final String API_KEY_CREATED = "api_key_created";
    public static final String USED_API = "used_api";
    public static final String USAGE_LIMIT_WARNING = "usage_limit_warning";
    public static final String HIT_PLAN_LIMIT = "hit_plan_limit";
    public static final String TRIAL_STARTED = "trial_started";
    public static final String TRIAL_ENDING_SOON = "trial_ending_soon";
    public static final String TRIAL_ENDED = "trial_ended";
    public static final String CHECKOUT_STARTED = "checkout_started";
    public static final String CHECKOUT_COMPLETED = "checkout_completed";
    public static final String SUBSCRIPTION_UPGRADED = "subscription_upgraded";
    public static final String SUBSCRIPTION_DOWNGRADED = "subscription_downgraded";
    public static final String SUBSCRIPTION_CANCELLED = "subscription_cancelled";
    public static final String INVOICE_PAID = "invoice_paid";
    public static final String PAYMENT_FAILED = "payment_failed";
    public static final String SUPPORT_CONVERSATION_STARTED = "support_conversation_started";
    public static final String SUPPORT_MESSAGE_SENT = "support_message_sent";
    public static final String SUPPORT_CONVERSATION_CLOSED = "support_conversation_closed";
    public static final String IDENTIFY = "$identify";
    public static final String GROUP_IDENTIFY = "$groupidentify";

    public static final List<String> ALL = List.of(
            SIGNED_UP,
            COMPLETED_ONBOARDING,
            CREATED_PROJECT,
            INVITED_TEAMMATE,
            TEAMMATE_JOINED,
            LOGGED_IN,
            PAGEVIEW,
            FEATURE_USED,
            CREATED_DASHBOARD,
            CREATED_REPORT,
            EXPORTED_DATA,
            CONNECTED_INTEGRATION,
            API_KEY_CREATED,
            USED_API,
            USAGE_LIMIT_WARNING,
            HIT_PLAN_LIMIT,
            TRIAL_STARTED,
            TRIAL_ENDING_SOON,
            TRIAL_ENDED,
            CHECKOUT_STARTED,
            CHECKOUT_COMPLETED,
            SUBSCRIPTION_UPGRADED,
            SUBSCRIPTION_DOWNGRADED,
            SUBSCRIPTION_CANCELLED,
            INVOICE_PAID,
            PAYMENT_FAILED,
            SUPPORT_CONVERSATION_STARTED,
            SUPPORT_MESSAGE_SENT,
            SUPPORT_CONVERSATION_CLOSED,
            IDENTIFY,
            GROUP_IDENTIFY);

    /** Values of {@code feature_used.feature}, in the order accounts usually adopt them. */
    public static final List<String> FEATURES = List.of(
            "projects",
            "dashboards",
            "reports",
            "alerts",
            "exports",
            "integrations",
            "api",
            "automations",
            "permissions",
            "sso",
            "audit_log");

    /** The group type the demo world puts accounts in. */
    public static final String COMPANY = "company";

    /** The pricing page path: a {@code $pageview} with this {@code $pathname} is a pricing visit. */
    public static final String PRICING_PATH = "/pricing";

    private StandardEvents() {}
}
