package dev.beton.routing;

import dev.beton.testsupport.OnEmbeddedStore;

@OnEmbeddedStore
class RoutingOnEmbeddedStoreTest extends RoutingContract {}
