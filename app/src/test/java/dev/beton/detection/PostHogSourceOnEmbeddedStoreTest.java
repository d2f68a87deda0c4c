package dev.beton.detection;

import dev.beton.testsupport.OnEmbeddedStore;

@OnEmbeddedStore
class PostHogSourceOnEmbeddedStoreTest extends PostHogSourceContract {}
