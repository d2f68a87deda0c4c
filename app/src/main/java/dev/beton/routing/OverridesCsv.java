package dev.beton.routing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Company overrides as a file: {@code account_key,attio_record_id}, one override a line, an
 * optional header. A file is taken whole or refused whole (with every bad line named), so a typo
 * on line 900 never leaves half a list saved.
 */
final class OverridesCsv {

    static final String HEADER = "account_key,attio_record_id";

    /** More than any workspace's accounts; a bigger file is a wrong file. */
    static final int MAX_ROWS = 100_000;

    private static final int ERRORS_SHOWN = 10;
    private static final String RECORD_ID =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private OverridesCsv() {}

    /** A file that cannot be taken, with a sentence naming its bad lines. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * @return account key → Attio company record id, in file order
     * @throws Refused when any line is wrong, the same account is given two companies, or the file
     *     is empty or too long
     */
    static Map<String, String> read(Reader in) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        try {
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get();
            for (CSVRecord row : format.parse(in)) {
                long line = row.getRecordNumber();
                String account = row.size() > 0 ? fromSpreadsheet(withoutBom(row.get(0))) : "";
                String record = row.size() > 1 ? row.get(1) : "";
                if (line == 1 && !record.matches(RECORD_ID) && looksLikeHeader(account, record)) {
                    continue;
                }
                if (overrides.size() >= MAX_ROWS) {
                    throw new Refused("The file has more than " + MAX_ROWS + " overrides; nothing was saved.");
                }
                if (row.size() != 2) {
                    errors.add("row " + line + ": expected 2 values (account key, Attio company record id), found "
                            + row.size());
                } else if (account.isEmpty()) {
                    errors.add("row " + line + ": the account key is empty");
                } else if (!record.matches(RECORD_ID)) {
                    errors.add("row " + line + ": '" + clip(record)
                            + "' is not an Attio company record id (a UUID from the company's URL in Attio)");
                } else {
                    String before = overrides.putIfAbsent(account, record.toLowerCase(java.util.Locale.ROOT));
                    if (before != null && !before.equalsIgnoreCase(record)) {
                        errors.add("row " + line + ": account '" + clip(account) + "' is given a second company ("
                                + before + " earlier in the file)");
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new Refused("The file could not be read as CSV: " + e.getMessage() + "; nothing was saved.");
        }
        if (!errors.isEmpty()) {
            String shown = String.join("; ", errors.subList(0, Math.min(ERRORS_SHOWN, errors.size())));
            throw new Refused(errors.size() + (errors.size() == 1 ? " row is" : " rows are")
                    + " wrong, so nothing was saved: " + shown
                    + (errors.size() > ERRORS_SHOWN ? "; and " + (errors.size() - ERRORS_SHOWN) + " more" : "")
                    + ".");
        }
        if (overrides.isEmpty()) {
            throw new Refused("The file holds no override: one line per account, '" + HEADER + "'.");
        }
        return overrides;
    }

    /** The overrides as a file that {@link #read} takes back. */
    static String write(Map<String, String> overrides) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT
                .builder()
                .setHeader("account_key", "attio_record_id")
                .get()
                .print(out)) {
            for (Map.Entry<String, String> override : overrides.entrySet()) {
                printer.printRecord(textInSpreadsheets(override.getKey()), override.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Account keys come from event data: one starting with = + - or @ would run as a formula when
     * the file is opened in a spreadsheet, so it is written after a quote mark, which {@link
     * #read} takes off again.
     */
    private static String textInSpreadsheets(String key) {
        return FORMULA_START.indexOf(key.isEmpty() ? ' ' : key.charAt(0)) >= 0 ? "'" + key : key;
    }

    private static String fromSpreadsheet(String key) {
        return key.length() > 1 && key.charAt(0) == '\'' && FORMULA_START.indexOf(key.charAt(1)) >= 0
                ? key.substring(1)
                : key;
    }

    private static final String FORMULA_START = "=+-@";

    private static boolean looksLikeHeader(String first, String second) {
        String both = (first + " " + second).toLowerCase(java.util.Locale.ROOT);
        return both.contains("account") || both.contains("record");
    }

    private static String withoutBom(String value) {
        return value.startsWith("\uFEFF") ? value.substring(1).strip() : value;
    }

    private static String clip(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
