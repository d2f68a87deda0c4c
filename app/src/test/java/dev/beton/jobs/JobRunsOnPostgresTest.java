package dev.beton.jobs;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class JobRunsOnPostgresTest extends JobRunsContract {}
