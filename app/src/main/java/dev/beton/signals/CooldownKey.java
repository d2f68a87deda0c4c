package dev.beton.signals;

/** Cooldown is kept per account and signal type. */
public record CooldownKey(String accountKey, SignalType type) {}
