package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesCsvTest {

    static final String ACME = "0b0b0b0b-1111-4222-8333-444455556666";
    static final String GLOBEX = "1C1C1C1C-1111-4222-8333-444455556666";

    @Test
    void aFileWithOrWithoutHeaderGivesItsOverridesInOrderWithRecordIdsInLowerCase() {
        assertThat(OverridesCsv.read(new StringReader("\uFEFFaccount_key,attio_record_id\r\nacme.io," + ACME
                        + "\r\n\r\n\"globex.io\",  " + GLOBEX + "\r\n")))
                .containsExactly(Map.entry("acme.io", ACME), Map.entry("globex.io", GLOBEX.toLowerCase()));
        assertThat(OverridesCsv.read(new StringReader("acme.io," + ACME))).containsExactly(Map.entry("acme.io", ACME));
    }

    @Test
    void everyBadRowIsNamedAndNothingIsTaken() {
        assertThatThrownBy(() -> OverridesCsv.read(new StringReader("acme.io," + ACME + "\n" + "globex.io\n"
                        + ",0b0b0b0b-1111-4222-8333-444455556666\n" + "hooli.io,https://app.attio.com/x\n"
                        + "acme.io," + GLOBEX + "\n")))
                .isInstanceOf(OverridesCsv.Refused.class)
                .hasMessage("4 rows are wrong, so nothing was saved: row 2: expected 2 values (account key, Attio"
                        + " company record id), found 1; row 3: the account key is empty; row 4:"
                        + " 'https://app.attio.com/x' is not an Attio company record id (a UUID from the company's URL"
                        + " in Attio); row 5: account 'acme.io' is given a second company (" + ACME
                        + " earlier in the file).");
    }

    @Test
    void anEmptyFileIsRefusedWithWhatItShouldHold() {
        assertThatThrownBy(() -> OverridesCsv.read(new StringReader("account_key,attio_record_id\n")))
                .hasMessage("The file holds no override: one line per account, 'account_key,attio_record_id'.");
    }

    @Test
    void whatIsWrittenIsReadBackAndAFormulaLikeKeyStaysTextInASpreadsheet() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("acme.io", ACME);
        overrides.put("=HYPERLINK(\"x\")", GLOBEX.toLowerCase());
        String file = OverridesCsv.write(overrides);
        assertThat(file).contains("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(OverridesCsv.read(new StringReader(file))).isEqualTo(overrides);
    }
}
