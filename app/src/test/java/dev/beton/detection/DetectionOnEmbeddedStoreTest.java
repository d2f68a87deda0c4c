package dev.beton.detection;

import dev.beton.testsupport.OnEmbeddedStore;

@OnEmbeddedStore
class DetectionOnEmbeddedStoreTest extends DetectionContract {}
