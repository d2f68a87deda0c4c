package dev.beton.events.demo;

/** A user of a demo account; {@code distinctId} is their e-mail. */
record Member(String distinctId, String name, String role, int joinDay) {}
