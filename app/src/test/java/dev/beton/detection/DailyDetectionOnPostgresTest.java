package dev.beton.detection;

import dev.beton.testsupport.OnPostgres;

@OnPostgres
class DailyDetectionOnPostgresTest extends DailyDetectionContract {}
