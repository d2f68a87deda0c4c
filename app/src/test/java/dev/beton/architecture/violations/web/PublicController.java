package dev.beton.architecture.violations.web;

import org.springframework.web.bind.annotation.RestController;

/** A controller other code could call directly. */
@RestController
public class PublicController {}
