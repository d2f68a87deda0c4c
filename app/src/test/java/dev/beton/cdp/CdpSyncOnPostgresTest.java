package dev.beton.cdp;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class CdpSyncOnPostgresTest extends CdpSyncContract {}
