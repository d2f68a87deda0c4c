package dev.beton.workspace;

import dev.beton.testsupport.OnEmbeddedStore;

@OnEmbeddedStore
class WorkspaceApiOnEmbeddedStoreTest extends WorkspaceApiContract {}
