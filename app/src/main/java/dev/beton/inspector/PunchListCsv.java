package dev.beton.inspector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A punch list as CSV (RFC 4180) that is safe to open in Excel or Sheets: a text cell from event
 * or group data that starts with {@code = + - @}, a tab or a carriage return would be taken as a
 * formula, so it gets a leading {@code '}, which spreadsheets show as text and do not evaluate.
 * Numbers Beton computed (a negative score) are written as they are.
 */
public final class PunchListCsv {

    private PunchListCsv() {}

    public static String of(PunchList list) {
        List<PunchListColumn> columns = PunchListColumn.of(list.level());
        StringBuilder csv = new StringBuilder();
        csv.append(columns.stream()
                        .map(PunchListColumn::header)
                        .map(PunchListCsv::quoted)
                        .collect(Collectors.joining(",")))
                .append("\r\n");
        for (Finding finding : list.findings()) {
            csv.append(columns.stream()
                            .map(c -> c.text() ? cell(c.format(finding)) : quoted(c.format(finding)))
                            .collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** A text cell: neutralised if a spreadsheet would read it as a formula, then quoted as needed. */
    static String cell(String text) {
        return quoted(neutralised(text));
    }

    static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String quoted(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
