package dev.beton.detection;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class PostHogSourceOnPostgresTest extends PostHogSourceContract {}
