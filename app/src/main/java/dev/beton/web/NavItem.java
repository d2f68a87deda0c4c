package dev.beton.web;

/** One entry of the main navigation; {@code path} gets the current workspace appended. */
public record NavItem(String key, String label, String path, int order) {}
