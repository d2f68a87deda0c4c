package dev.beton.signals;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.notBlank;

import dev.beton.query.Expr;
import dev.beton.query.Query.SelectItem;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Pieces every per-account signal query and evidence text shares. */
final class AccountQueries {

    /** HogQL returns 100 rows without a LIMIT and caps an explicit one at 50,000. */
    static final int ROW_LIMIT = 50_000;

    static final String ACCOUNT = "account";

    private AccountQueries() {}

    static Expr account(int companyGroupIndex) {
        return groupKey(companyGroupIndex);
    }

    static SelectItem accountItem(int companyGroupIndex) {
        return SelectItem.of(account(companyGroupIndex), ACCOUNT);
    }

    static Expr hasAccount(int companyGroupIndex) {
        return notBlank(groupKey(companyGroupIndex));
    }

    static Expr timestamp() {
        return column("timestamp");
    }

    static Expr event() {
        return column("event");
    }

    static Expr.OrderItem byAccount() {
        return Expr.OrderItem.asc(column(ACCOUNT));
    }

    /** "/pricing ×3, /pricing/enterprise ×1": most frequent first, then by name. */
    static String breakdown(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** "1 new user", "2 new users". */
    static String counted(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** A number as an analyst writes it: no trailing ".0", at most one decimal. */
    static String number(double value) {
        return new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
