package dev.beton.plays;

/**
 * One numbered fact a play may cite.
 *
 * @param id {@code F1}, {@code F2} … in the order the facts were gathered
 * @param kind what sort of fact: score, signal, usage, champion, firmographics, deal
 * @param text the fact in one sentence, as the play's reader checks it
 */
public record Fact(String id, String kind, String text) {}
