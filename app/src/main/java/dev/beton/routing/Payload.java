package dev.beton.routing;

import java.util.Map;

/**
 * What an item writes when applied, stored with it so that applying is exactly what was planned.
 *
 * @param values the deal's attribute values (Attio's write shapes)
 * @param createCompany the company is to be created (workspace setting {@code create})
 * @param note the score receipt in words, added as a note with {@code noteTitle}
 */
record Payload(
        Map<String, Object> values,
        boolean createCompany,
        String companyDomain,
        String companyName,
        String noteTitle,
        String note) {}
