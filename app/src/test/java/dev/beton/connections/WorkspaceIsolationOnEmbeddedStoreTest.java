package dev.beton.connections;

import dev.beton.testsupport.OnEmbeddedStore;

@OnEmbeddedStore
class WorkspaceIsolationOnEmbeddedStoreTest extends WorkspaceIsolationContract {}
