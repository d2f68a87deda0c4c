package dev.beton.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * Historical deals from a CSV file into the CRM mirror, for workspaces without Attio (or with
 * deals from before it): backtests then measure against them like against Attio's. One deal a
 * line; a bad line is reported with its line number and skipped, the others are stored. A deal
 * id (the {@code deal_id} column, else one made from the domain, name and created date) is one
 * row, so importing a file again replaces its deals instead of adding them twice.
 */
@Service
public class DealCsvImport {

    /** The columns; a header row is required, names are case-insensitive, {@code -}/space = {@code _}. */
    static final List<String> COLUMNS = List.of(
            "domain", "account", "deal_id", "name", "amount", "stage", "outcome", "created", "closed", "lead_source");

    private static final int BATCH = 1_000;

    /** What an import did. */
    public record Summary(long read, long stored, long rejected, List<String> errors) {}

    /** Progress and rejected lines, as they happen. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void progress(long linesRead) {}

        default void rejected(long line, String reason) {}
    }

    private final CrmMirrorWriter mirror;
    private final AccountFacts facts;

    DealCsvImport(CrmMirrorWriter mirror, AccountFacts facts) {
        this.mirror = mirror;
        this.facts = facts;
    }

    /**
     * @throws IllegalArgumentException when the file has no header row or lacks a required column
     *     (a sentence saying which)
     */
    public Summary importCsv(long workspaceId, InputStream in, Listener listener) throws IOException {
        Map<String, String> accounts = facts.accountsByDomain(workspaceId);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get()
                .parse(reader);
        Map<String, String> header = header(parser.getHeaderNames());
        List<String> errors = new ArrayList<>();
        List<CrmMirrorWriter.MirroredDeal> batch = new ArrayList<>();
        long read = 0;
        long stored = 0;
        for (CSVRecord record : parser) {
            read++;
            long line = parser.getCurrentLineNumber();
            try {
                batch.add(deal(record, header, accounts));
            } catch (IllegalArgumentException bad) {
                if (errors.size() < 1_000) {
                    errors.add("line " + line + ": " + bad.getMessage());
                }
                listener.rejected(line, bad.getMessage());
            }
            if (batch.size() >= BATCH) {
                mirror.replace(workspaceId, batch);
                stored += batch.size();
                batch.clear();
            }
            if (read % 100 == 0) {
                listener.progress(read);
            }
        }
        mirror.replace(workspaceId, batch);
        stored += batch.size();
        listener.progress(read);
        return new Summary(read, stored, read - stored, List.copyOf(errors));
    }

    /** Column name as written → its canonical name; checks the required ones are there. */
    private static Map<String, String> header(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("The file has no header row; the first line names the columns: "
                    + String.join(", ", COLUMNS) + ".");
        }
        Map<String, String> header = new TreeMap<>();
        for (String name : names) {
            String canonical =
                    name.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (COLUMNS.contains(canonical)) {
                header.put(canonical, name);
            }
        }
        if (!header.containsKey("domain") && !header.containsKey("account")) {
            throw new IllegalArgumentException(
                    "The file needs a 'domain' (or 'account') column; its columns are " + names + ".");
        }
        if (!header.containsKey("created")) {
            throw new IllegalArgumentException(
                    "The file needs a 'created' column (the deal's created date); its" + " columns are " + names + ".");
        }
        return header;
    }

    private static String value(CSVRecord record, Map<String, String> header, String column) {
        String name = header.get(column);
        if (name == null || !record.isMapped(name) || !record.isSet(name)) {
            return "";
        }
        return record.get(name).strip();
    }

    static CrmMirrorWriter.MirroredDeal deal(
            CSVRecord record, Map<String, String> header, Map<String, String> accounts) {
        String rawDomain = value(record, header, "domain");
        Optional<String> domain = rawDomain.isEmpty() ? Optional.empty() : Domains.normalise(rawDomain);
        if (!rawDomain.isEmpty() && domain.isEmpty()) {
            throw new IllegalArgumentException("'" + rawDomain + "' is not a domain");
        }
        String account = value(record, header, "account");
        if (account.isEmpty()) {
            account = domain.map(d -> accounts.getOrDefault(d, d))
                    .orElseThrow(() -> new IllegalArgumentException("no domain (and no account)"));
        }
        Instant created = instant(value(record, header, "created"), "created");
        String outcome = value(record, header, "outcome").toLowerCase(Locale.ROOT);
        if (outcome.isEmpty()) {
            outcome = "open";
        }
        if (!Set.of("open", "won", "lost").contains(outcome)) {
            throw new IllegalArgumentException("outcome '" + outcome + "' is not won, lost or open");
        }
        String closedText = value(record, header, "closed");
        Optional<Instant> closed = closedText.isEmpty() ? Optional.empty() : Optional.of(instant(closedText, "closed"));
        if (!outcome.equals("open") && closed.isEmpty()) {
            throw new IllegalArgumentException("a " + outcome + " deal needs its closed date");
        }
        if (outcome.equals("open") && closed.isPresent()) {
            throw new IllegalArgumentException("an open deal has no closed date (outcome is empty or 'open')");
        }
        if (closed.isPresent() && closed.get().isBefore(created)) {
            throw new IllegalArgumentException("closed " + closedText + " is before created");
        }
        BigDecimal amount = amount(value(record, header, "amount"));
        String source = value(record, header, "lead_source").toLowerCase(Locale.ROOT);
        String name = value(record, header, "name");
        if (name.isEmpty()) {
            name = domain.orElse(account) + " deal";
        }
        String given = value(record, header, "deal_id");
        String id = "csv:" + (given.isEmpty() ? digest(account + "|" + name + "|" + created) : given);
        String stage = value(record, header, "stage");
        return new CrmMirrorWriter.MirroredDeal(
                id,
                account,
                name,
                source.isEmpty() ? "unknown" : source,
                outcome,
                amount,
                created,
                closed,
                Optional.of(stage).filter(s -> !s.isEmpty()),
                domain,
                "csv");
    }

    /** A date ({@code 2026-03-01}, taken as midnight UTC) or an instant ({@code 2026-03-01T10:00:00Z}). */
    private static Instant instant(String text, String column) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("no " + column + " date");
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    column + " '" + text + "' is not a date (2026-03-01) or a date and time (2026-03-01T10:00:00Z)");
        }
    }

    /** {@code 12000}, {@code 12,000.50}, {@code $12000}: currency signs and thousands commas are dropped. */
    private static BigDecimal amount(String text) {
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        String digits = text.replaceAll("[\\s,$€£]", "");
        try {
            BigDecimal amount = new BigDecimal(digits);
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("amount " + text + " is negative");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount '" + text + "' is not a number");
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
