package dev.beton.architecture.violations.signals;

import org.springframework.stereotype.Component;

/** A domain class that pulls in Spring. */
@Component
public class SpringyScorer {}
