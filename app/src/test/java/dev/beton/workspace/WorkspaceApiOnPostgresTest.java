package dev.beton.workspace;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class WorkspaceApiOnPostgresTest extends WorkspaceApiContract {}
