package dev.beton.explorer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV that is safe to open in Excel or Sheets: event names, user ids and CRM values come from
 * outside, and a cell starting with {@code = + - @}, a tab or a carriage return would be run as a
 * formula there (CSV injection). Such text cells get a leading apostrophe, which spreadsheets show
 * as plain text. Numbers are written as numbers and left alone.
 */
final class SafeCsv {

    private SafeCsv() {}

    static String of(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer =
                CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get().print(out)) {
            printer.printRecord(header.stream().map(SafeCsv::cell).toList());
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(SafeCsv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Object cell(Object value) {
        if (value instanceof Number) {
            return value;
        }
        String text = value == null ? "" : value.toString();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
