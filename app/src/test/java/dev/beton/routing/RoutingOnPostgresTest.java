package dev.beton.routing;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class RoutingOnPostgresTest extends RoutingContract {}
