package dev.beton.jobs;

import dev.beton.testsupport.OnEmbeddedStore;

@OnEmbeddedStore
class JobRunsOnEmbeddedStoreTest extends JobRunsContract {}
