package dev.beton.detection;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daily detection schedule ({@code beton.detection.*}).
 *
 * @param cron six fields (second minute hour day month weekday), Spring's format; default 06:00
 * @param zone the zone the cron is read in; default UTC
 */
@ConfigurationProperties("beton.detection")
public record DetectionProperties(
        @DefaultValue("0 0 6 * * *") String cron,
        @DefaultValue("UTC") ZoneId zone) {}
