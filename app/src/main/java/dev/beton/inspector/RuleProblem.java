package dev.beton.inspector;

/** One thing wrong with a rule: the JSON field it is about (dotted path, as in the seed) and a sentence. */
public record RuleProblem(String field, String message) {}
