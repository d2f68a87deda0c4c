package dev.beton.crm;

/** An attribute of an Attio object, as far as Beton needs it. */
public record AttioAttribute(String apiSlug, String type, boolean unique, boolean multiselect) {}
