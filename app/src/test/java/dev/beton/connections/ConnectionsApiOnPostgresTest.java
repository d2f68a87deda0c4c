package dev.beton.connections;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class ConnectionsApiOnPostgresTest extends ConnectionsApiContract {}
