package dev.beton.cdp;

import dev.beton.testsupport.OnEmbeddedStore;

@OnEmbeddedStore
class CdpSyncOnEmbeddedStoreTest extends CdpSyncContract {}
