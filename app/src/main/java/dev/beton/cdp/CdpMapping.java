package dev.beton.cdp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which Attio attribute becomes which PostHog property, per object. Every property starts with
 * {@code attio_} so CRM values never overwrite product ones. Attributes a workspace does not have
 * are simply absent from what is sent.
 *
 * @param companies Attio company attribute slug → group property
 * @param people Attio person attribute slug → person property
 */
record CdpMapping(Map<String, String> companies, Map<String, String> people) {

    static final String PREFIX = "attio_";

    /** Attio's standard attributes (and the usual custom {@code owner}) under their obvious names. */
    static CdpMapping defaults() {
        Map<String, String> companies = new LinkedHashMap<>();
        companies.put("name", "attio_name");
        companies.put("domains", "attio_domains");
        companies.put("description", "attio_description");
        companies.put("categories", "attio_industry");
        companies.put("employee_range", "attio_employee_range");
        companies.put("estimated_arr_usd", "attio_arr");
        companies.put("primary_location", "attio_location");
        companies.put("foundation_date", "attio_founded");
        companies.put("owner", "attio_owner");
        Map<String, String> people = new LinkedHashMap<>();
        people.put("name", "attio_name");
        people.put("email_addresses", "attio_emails");
        people.put("job_title", "attio_job_title");
        people.put("phone_numbers", "attio_phone");
        people.put("primary_location", "attio_location");
        return new CdpMapping(companies, people);
    }

    CdpMapping {
        companies = Map.copyOf(new LinkedHashMap<>(companies));
        people = Map.copyOf(new LinkedHashMap<>(people));
        check(companies);
        check(people);
    }

    /** The defaults with a workspace's additions and changes on top (a blank property drops an attribute). */
    CdpMapping over(CdpMapping defaults) {
        return new CdpMapping(merge(defaults.companies, companies), merge(defaults.people, people));
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        changes.forEach((slug, property) -> {
            if (property.isBlank()) {
                merged.remove(slug);
            } else {
                merged.put(slug, property);
            }
        });
        return merged;
    }

    private static void check(Map<String, String> mapping) {
        mapping.forEach((slug, property) -> {
            if (!slug.matches("[a-z0-9_]{1,100}")) {
                throw new IllegalArgumentException("'" + slug + "' is not an Attio attribute slug.");
            }
            if (!property.isBlank() && !property.matches(PREFIX + "[a-z0-9_]{1,80}")) {
                throw new IllegalArgumentException("Property '" + property + "' for attribute '" + slug
                        + "' must start with " + PREFIX + " and use a-z, 0-9 and _ only, so CRM values never clash"
                        + " with product properties.");
            }
        });
    }
}
