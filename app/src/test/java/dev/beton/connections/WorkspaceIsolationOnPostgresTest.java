package dev.beton.connections;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class WorkspaceIsolationOnPostgresTest extends WorkspaceIsolationContract {}
