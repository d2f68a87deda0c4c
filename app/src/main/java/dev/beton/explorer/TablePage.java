package dev.beton.explorer;

import dev.beton.web.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One page of an explorer table after filtering and sorting.
 *
 * @param page counts from 0
 * @param sort the column sorted by (one of the table's sortable columns)
 */
record TablePage<T>(List<T> items, int page, int size, int total, int pages, String sort, boolean descending) {

    static final int MAX_SIZE = 500;

    /** A page of the filtered, sorted rows; a page past the end shows the last page. */
    static <T> TablePage<T> of(
            List<T> all,
            Predicate<T> filter,
            Map<String, Comparator<T>> sorts,
            String sort,
            boolean descending,
            int page,
            int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("'size' must be between 1 and " + MAX_SIZE + ", not " + size + ".");
        }
        if (page < 0) {
            throw ProblemException.badRequest("'page' counts from 0, not " + page + ".");
        }
        List<T> matching = sorted(all, filter, sorts, sort, descending);
        int pages = Math.max(1, (matching.size() + size - 1) / size);
        int shown = Math.min(page, pages - 1);
        List<T> items = matching.subList(shown * size, Math.min(matching.size(), (shown + 1) * size));
        return new TablePage<>(items, shown, size, matching.size(), pages, sort.toLowerCase(Locale.ROOT), descending);
    }

    /**
     * Every matching row in order (the CSV export); sorting by a column not in {@code sorts} is a
     * 400 problem naming the sortable ones.
     */
    static <T> List<T> sorted(
            List<T> all, Predicate<T> filter, Map<String, Comparator<T>> sorts, String sort, boolean descending) {
        Comparator<T> order = sorts.get(sort.toLowerCase(Locale.ROOT));
        if (order == null) {
            throw ProblemException.badRequest(
                    "Cannot sort by '" + sort + "'; sortable columns are " + String.join(", ", sorts.keySet()) + ".");
        }
        return all.stream()
                .filter(filter)
                .sorted(descending ? order.reversed() : order)
                .toList();
    }
}
