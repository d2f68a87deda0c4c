package dev.beton.detection;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class DetectionOnPostgresTest extends DetectionContract {}
