package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.HogQLValues.text;

import dev.beton.emulator.Json;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The scalar functions the emulator evaluates, with ClickHouse's NULL rules: most functions give
 * NULL for a NULL argument; {@code coalesce}, {@code ifNull}, {@code if}, {@code isNull} look at
 * NULLs on purpose. HogQL's {@code toFloat}/{@code toInt} give NULL for text that is not a number.
 */
final class HogQLFunctions {

    private static final Set<String> NULL_AWARE =
            Set.of("coalesce", "ifnull", "nullif", "if", "multiif", "isnull", "isnotnull", "concat", "now", "today");

    private static final Set<String> KNOWN = Set.of(
            "jsonhas",
            "now",
            "today",
            "todatetime",
            "totimezone",
            "parsedatetimebesteffort",
            "todatetime64",
            "todate",
            "tofloat",
            "tofloat64",
            "tofloatornull",
            "tofloat64ornull",
            "toint",
            "toint64",
            "tointornull",
            "toint64ornull",
            "tostring",
            "datediff",
            "tostartofweek",
            "tostartofday",
            "tostartofhour",
            "tostartofmonth",
            "coalesce",
            "ifnull",
            "nullif",
            "isnull",
            "isnotnull",
            "if",
            "multiif",
            "lower",
            "upper",
            "length",
            "empty",
            "notempty",
            "concat",
            "trim",
            "substring",
            "startswith",
            "endswith",
            "replaceall",
            "position",
            "abs",
            "round",
            "floor",
            "ceil",
            "greatest",
            "least");

    private HogQLFunctions() {}

    static boolean isKnown(String name) {
        return KNOWN.contains(name.toLowerCase(Locale.ROOT));
    }

    static Object apply(String name, List<Object> args, Instant now) {
        return apply(name, args, now, ZoneOffset.UTC);
    }

    /**
     * @param zone the project's time zone: HogQL shows every DateTime in it, so day, week and
     *     month boundaries and text without an offset are read there unless {@code toTimeZone}
     *     gave a value another zone
     */
    static Object apply(String name, List<Object> args, Instant now, java.time.ZoneId zone) {
        String fn = name.toLowerCase(Locale.ROOT);
        if (!NULL_AWARE.contains(fn) && args.stream().anyMatch(Objects::isNull)) {
            return null;
        }
        return switch (fn) {
            case "now" -> arity(fn, args, 0, 0, now);
            case "jsonhas" -> jsonHas(args);
            case "today" -> arity(fn, args, 0, 0, LocalDate.ofInstant(now, ZoneOffset.UTC));
            case "todatetime", "parsedatetimebesteffort", "todatetime64" -> toDateTime(fn, args, zone);
            case "totimezone" -> {
                if (args.size() != 2 || !(args.get(1) instanceof String target)) {
                    throw HogQLError.query("Function 'toTimeZone' expects a DateTime and a time zone name");
                }
                yield HogQLValues.toInstant(args.getFirst()).atZone(zoneId(target));
            }
            case "todate" -> localDate(args.getFirst(), zone);
            case "tofloat", "tofloat64", "tofloatornull", "tofloat64ornull" -> toFloat(args.getFirst());
            case "toint", "toint64", "tointornull", "toint64ornull" -> {
                Object number = toFloat(args.getFirst());
                yield number == null ? null : (long) (double) (Double) number;
            }
            case "tostring" -> args.getFirst() instanceof Instant i ? text(i.atZone(zone)) : text(args.getFirst());
            case "datediff" -> dateDiff(text(args.get(0)), args.get(1), args.get(2), zone);
            case "tostartofweek" -> startOfWeek(args, zone);
            case "tostartofday" -> truncated(args.getFirst(), ChronoUnit.DAYS, zone);
            case "tostartofhour" -> truncated(args.getFirst(), ChronoUnit.HOURS, zone);
            case "tostartofmonth" -> localDate(args.getFirst(), zone).withDayOfMonth(1);
            case "coalesce" -> {
                supertype(fn, args);
                yield args.stream().filter(Objects::nonNull).findFirst().orElse(null);
            }
            case "ifnull" -> {
                supertype(fn, args);
                yield args.get(0) != null ? args.get(0) : args.get(1);
            }
            case "nullif" -> HogQLValues.compare(args.get(0), args.get(1)) == 0 ? null : args.get(0);
            case "isnull" -> args.getFirst() == null;
            case "isnotnull" -> args.getFirst() != null;
            case "if" -> Boolean.TRUE.equals(HogQLValues.truth(args.get(0))) ? args.get(1) : args.get(2);
            case "multiif" -> multiIf(args);
            case "lower" -> text(args.getFirst()).toLowerCase(Locale.ROOT);
            case "upper" -> text(args.getFirst()).toUpperCase(Locale.ROOT);
            case "length" -> (long) text(args.getFirst()).length();
            case "empty" -> text(args.getFirst()).isEmpty();
            case "notempty" -> !text(args.getFirst()).isEmpty();
            case "concat" ->
                String.join("", args.stream().map(a -> a == null ? "" : text(a)).toList());
            case "trim" -> text(args.getFirst()).strip();
            case "substring" -> substring(args);
            case "startswith" -> text(args.get(0)).startsWith(text(args.get(1)));
            case "endswith" -> text(args.get(0)).endsWith(text(args.get(1)));
            case "replaceall" -> text(args.get(0)).replace(text(args.get(1)), text(args.get(2)));
            case "position" -> (long) text(args.get(0)).indexOf(text(args.get(1))) + 1;
            case "abs" ->
                args.getFirst() instanceof Long l ? Math.abs(l) : Math.abs(HogQLValues.toDouble(args.getFirst()));
            case "round" -> round(args);
            case "floor" -> Math.floor(HogQLValues.toDouble(args.getFirst()));
            case "ceil" -> Math.ceil(HogQLValues.toDouble(args.getFirst()));
            case "greatest" -> args.stream().max(HogQLValues.ORDER).orElseThrow();
            case "least" -> args.stream().min(HogQLValues.ORDER).orElseThrow();
            default -> throw HogQLError.unsupported("the function " + name + "()");
        };
    }

    /**
     * ClickHouse needs one supertype for {@code coalesce}/{@code ifNull}: text mixed with a number,
     * a time or a Bool (e.g. a property PostHog typed Numeric and {@code ''}) is an error.
     */
    private static void supertype(String fn, List<Object> args) {
        List<String> kinds = args.stream()
                .filter(Objects::nonNull)
                .map(v -> v instanceof String
                        ? "String"
                        : v instanceof Number ? "Float64" : v instanceof Boolean ? "Bool" : "DateTime")
                .distinct()
                .toList();
        if (kinds.size() > 1 && kinds.contains("String")) {
            throw HogQLError.query("There is no supertype for types " + String.join(", ", kinds) + " because some of"
                    + " them are String/FixedString and some of them are not (in " + fn + ")");
        }
    }

    /** ClickHouse's {@code JSONHas(json, key...)}: the path exists, whatever its value (JSON null too). */
    private static boolean jsonHas(List<Object> args) {
        JsonNode node = Json.parse(text(args.getFirst()));
        for (Object key : args.subList(1, args.size())) {
            if (!node.isObject() || !node.has(text(key))) {
                return false;
            }
            node = node.get(text(key));
        }
        return true;
    }

    static HogQLType type(String name, List<HogQLType> args) {
        boolean anyNull = args.stream().anyMatch(HogQLType::nullable);
        HogQLType first = args.isEmpty() ? HogQLType.NOTHING : args.getFirst();
        HogQLType type =
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "now",
                            "todatetime",
                            "totimezone",
                            "parsedatetimebesteffort",
                            "todatetime64",
                            "tostartofday",
                            "tostartofhour" -> HogQLType.DATETIME;
                    case "today", "todate", "tostartofweek", "tostartofmonth" -> HogQLType.DATE;
                    case "tofloat", "tofloat64", "tofloatornull", "tofloat64ornull" -> HogQLType.FLOAT64.orNull();
                    case "toint", "toint64", "tointornull", "toint64ornull" -> HogQLType.INT64.orNull();
                    case "datediff" -> HogQLType.INT64;
                    case "length", "position" -> HogQLType.UINT64;
                    case "jsonhas", "isnull", "isnotnull", "empty", "notempty", "startswith", "endswith" ->
                        HogQLType.BOOL;
                    case "coalesce", "ifnull" -> args.stream().allMatch(HogQLType::nullable) ? first : first.notNull();
                    case "nullif" -> first.orNull();
                    case "if" -> args.size() == 3 ? merge(args.get(1), args.get(2)) : HogQLType.NOTHING;
                    case "multiif" -> args.size() > 1 ? args.get(1) : HogQLType.NOTHING;
                    case "round", "floor", "ceil" -> HogQLType.FLOAT64;
                    case "abs", "greatest", "least" -> first;
                    default -> HogQLType.STRING;
                };
        boolean nullAware = NULL_AWARE.contains(name.toLowerCase(Locale.ROOT));
        return anyNull && !nullAware ? type.orNull() : type;
    }

    static HogQLType merge(HogQLType a, HogQLType b) {
        HogQLType base = a.equals(HogQLType.NOTHING) ? b : a;
        return a.nullable() || b.nullable() ? base.orNull() : base;
    }

    private static Object arity(String fn, List<Object> args, int min, int max, Object value) {
        if (args.size() < min || args.size() > max) {
            throw HogQLError.query("Function '" + fn + "' expects " + min + " to " + max + " arguments");
        }
        return value;
    }

    private static Object toFloat(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1.0 : 0.0;
            case String s -> HogQLValues.parseNumber(s).orElse(null);
            default -> null;
        };
    }

    /**
     * Counts unit boundaries crossed from {@code from} to {@code to}, as ClickHouse (and DuckDB's
     * date_diff) do: 23:00 to 01:00 next day is one day.
     */
    private static long dateDiff(String unit, Object from, Object to, java.time.ZoneId zone) {
        Instant a = HogQLValues.toInstant(from);
        Instant b = HogQLValues.toInstant(to);
        // Both ends in the first one's zone: ClickHouse leaves mixed zones unspecified.
        java.time.ZoneId in = HogQLValues.wallClock(from, zone).getZone();
        LocalDate da = LocalDate.ofInstant(a, in);
        LocalDate db = LocalDate.ofInstant(b, in);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "second" -> b.getEpochSecond() - a.getEpochSecond();
            case "minute" -> Math.floorDiv(b.getEpochSecond(), 60) - Math.floorDiv(a.getEpochSecond(), 60);
            case "hour" -> Math.floorDiv(b.getEpochSecond(), 3600) - Math.floorDiv(a.getEpochSecond(), 3600);
            case "day" -> db.toEpochDay() - da.toEpochDay();
            case "week" -> ChronoUnit.WEEKS.between(monday(da), monday(db));
            case "month" -> (db.getYear() * 12L + db.getMonthValue()) - (da.getYear() * 12L + da.getMonthValue());
            case "quarter" ->
                (db.getYear() * 4L + db.get(IsoFields.QUARTER_OF_YEAR))
                        - (da.getYear() * 4L + da.get(IsoFields.QUARTER_OF_YEAR));
            case "year" -> db.getYear() - da.getYear();
            default -> throw HogQLError.query("Unknown dateDiff unit '" + unit + "'");
        };
    }

    private static LocalDate monday(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Mode 0 (HogQL's default) starts weeks on Sunday, mode 1 on Monday; other modes are refused. */
    private static LocalDate startOfWeek(List<Object> args, java.time.ZoneId zone) {
        long mode = args.size() > 1 ? (long) HogQLValues.toDouble(args.get(1)) : 0;
        DayOfWeek first =
                switch ((int) mode) {
                    case 0 -> DayOfWeek.SUNDAY;
                    case 1 -> DayOfWeek.MONDAY;
                    default -> throw HogQLError.unsupported("toStartOfWeek mode " + mode);
                };
        return localDate(args.getFirst(), zone).with(TemporalAdjusters.previousOrSame(first));
    }

    /** The calendar date of a value: a DateTime's in its zone, text as a date or time. */
    private static LocalDate localDate(Object value, java.time.ZoneId zone) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof String s) {
            return HogQLValues.toDate(s);
        }
        return HogQLValues.wallClock(value, zone).toLocalDate();
    }

    /** Truncation on the wall clock; the zone a value carries is kept. */
    private static Object truncated(Object value, ChronoUnit unit, java.time.ZoneId zone) {
        java.time.ZonedDateTime wall = HogQLValues.wallClock(value, zone).truncatedTo(unit);
        return value instanceof java.time.ZonedDateTime ? wall : wall.toInstant();
    }

    /**
     * HogQL's {@code toDateTime(x[, zone])}: text is parsed best-effort, read in the given zone or
     * the project's when it names no offset; with a zone argument the value carries that zone.
     */
    private static Object toDateTime(String fn, List<Object> args, java.time.ZoneId zone) {
        java.time.ZoneId in = args.size() > 1 ? zoneId(HogQLValues.text(args.getLast())) : zone;
        Object value = args.getFirst();
        Instant instant = value instanceof String s
                ? HogQLValues.parseInstant(s, in)
                        .orElseThrow(() -> HogQLError.query("Cannot parse DateTime from '" + s + "'"))
                : HogQLValues.toInstant(value);
        return args.size() > 1 ? instant.atZone(in) : instant;
    }

    private static java.time.ZoneId zoneId(String name) {
        try {
            return java.time.ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            throw HogQLError.query("Unknown time zone '" + name + "'");
        }
    }

    private static Object multiIf(List<Object> args) {
        if (args.size() % 2 == 0) {
            throw HogQLError.query("Function 'multiIf' expects an odd number of arguments");
        }
        for (int i = 0; i + 1 < args.size(); i += 2) {
            if (Boolean.TRUE.equals(HogQLValues.truth(args.get(i)))) {
                return args.get(i + 1);
            }
        }
        return args.getLast();
    }

    /** 1-based offset, as ClickHouse's substring. */
    private static String substring(List<Object> args) {
        String s = text(args.get(0));
        int from = Math.max(0, (int) HogQLValues.toDouble(args.get(1)) - 1);
        if (from >= s.length()) {
            return "";
        }
        int length = args.size() > 2 ? (int) HogQLValues.toDouble(args.get(2)) : s.length();
        return s.substring(from, Math.min(s.length(), from + Math.max(0, length)));
    }

    private static double round(List<Object> args) {
        double scale = Math.pow(10, args.size() > 1 ? HogQLValues.toDouble(args.get(1)) : 0);
        return Math.rint(HogQLValues.toDouble(args.getFirst()) * scale) / scale;
    }
}
