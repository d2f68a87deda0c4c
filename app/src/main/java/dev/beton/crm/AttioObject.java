package dev.beton.crm;

/** An object of the Attio workspace ({@code people}, {@code companies}, {@code deals}, custom ones). */
public record AttioObject(String apiSlug, String singularNoun, String pluralNoun) {}
