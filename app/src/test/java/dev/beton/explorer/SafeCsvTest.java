package dev.beton.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeCsvTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "=HYPERLINK(\"http://x\")|'=HYPERLINK(\"http://x\")",
                "+1+2|'+1+2",
                "-2+3|'-2+3",
                "@SUM(A1)|'@SUM(A1)",
                "signed_up|signed_up",
                "a=b|a=b"
            })
    void neutralisesCellsASpreadsheetWouldRunAsFormulas(String value, String written) {
        assertThat(SafeCsv.cell(value)).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({"\t=1", "\r=1"})
    void neutralisesTabAndCarriageReturnStarts(String value) {
        assertThat(SafeCsv.cell(value)).isEqualTo("'" + value);
    }

    @org.junit.jupiter.api.Test
    void leavesNumbersAloneEvenWhenNegative() {
        assertThat(SafeCsv.of(List.of("name", "n"), List.of(List.of("=cmd", -3L))))
                .isEqualTo("name,n\n'=cmd,-3\n");
    }
}
