package dev.beton.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV export cannot smuggle a formula into a spreadsheet, and stays RFC 4180. */
class PunchListCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://evil\",\"x\")"})
    void aCellThatASpreadsheetWouldEvaluateGetsALeadingQuote(String text) {
        assertThat(PunchListCsv.neutralised(text)).isEqualTo("'" + text);
    }

    @Test
    void harmlessTextIsLeftAlone() {
        assertThat(PunchListCsv.neutralised("acme.io")).isEqualTo("acme.io");
        assertThat(PunchListCsv.neutralised("a=b")).isEqualTo("a=b");
        assertThat(PunchListCsv.neutralised("")).isEmpty();
    }

    @Test
    void aUserPunchListHasTheSeedsColumnsAndNeutralisedQuotedCells() {
        Finding evil = new Finding(
                1,
                -2.5,
                "=cmd|' /C calc'!A0",
                "@evil.io",
                null,
                "Smith, \"Jo\"",
                null,
                null,
                null,
                3,
                2L,
                null,
                1,
                9,
                Instant.parse("2026-11-20T10:00:00Z"));
        PunchList list = new PunchList(
                1,
                1,
                "r",
                InspectionRule.Level.USER,
                "duckdb",
                "the embedded store",
                Instant.EPOCH,
                "SELECT 1",
                Map.of(),
                PunchList.Summary.of(List.of(evil)),
                List.of(evil));

        List<String> lines = PunchListCsv.of(list).lines().toList();

        assertThat(lines.get(0))
                .isEqualTo("Score,User ID,Email,Name,Event count,Distinct events,Active days,Days since last event,"
                        + "Last seen");
        // The score is Beton's own number: negative, but not neutralised.
        assertThat(lines.get(1))
                .isEqualTo("-2.50,'=cmd|' /C calc'!A0,'@evil.io,\"Smith, \"\"Jo\"\"\",3,2,1,9,2026-11-20T10:00:00Z");
    }
}
