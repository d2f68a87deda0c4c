package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLSyntax.Call;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Order;
import dev.beton.emulator.posthog.HogQLSyntax.Windowed;
import dev.beton.emulator.posthog.HogQLTokens.Token;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code ORDER BY} lists and {@code OVER (PARTITION BY … ORDER BY … [frame])} clauses. */
final class HogQLWindowClauses {

    private static final List<String> WHOLE_PARTITION =
            List.of("ROWS", "BETWEEN", "UNBOUNDED", "PRECEDING", "AND", "UNBOUNDED", "FOLLOWING");

    private HogQLWindowClauses() {}

    static Windowed over(Call function, HogQLTokens tokens, HogQLExpressionParser expressions) {
        tokens.expect("(");
        List<Expr> partition = List.of();
        if (tokens.accept("PARTITION")) {
            tokens.expect("BY");
            partition = expressions.list(")");
        }
        List<Order> order = List.of();
        if (tokens.accept("ORDER")) {
            tokens.expect("BY");
            order = orderList(tokens, expressions);
        }
        boolean wholePartition = order.isEmpty();
        if (tokens.peek().is("ROWS") || tokens.peek().is("RANGE")) {
            wholePartitionFrame(tokens);
            wholePartition = true;
        }
        tokens.expect(")");
        return new Windowed(function, partition, order, wholePartition);
    }

    /** Only the whole-partition frame is accepted; other frames are refused, not approximated. */
    private static void wholePartitionFrame(HogQLTokens tokens) {
        for (String word : WHOLE_PARTITION) {
            Token token = tokens.next();
            if (!token.is(word) && !(word.equals("ROWS") && token.is("RANGE"))) {
                throw HogQLError.unsupported(
                        "window frames other than BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING");
            }
        }
    }

    static List<Order> orderList(HogQLTokens tokens, HogQLExpressionParser expressions) {
        List<Order> order = new ArrayList<>();
        do {
            Expr expr = expressions.expression();
            boolean descending = false;
            if (tokens.accept("DESC") || tokens.accept("DESCENDING")) {
                descending = true;
            } else if (!tokens.accept("ASC")) {
                tokens.accept("ASCENDING");
            }
            if (tokens.peek().is("NULLS")) {
                throw HogQLError.unsupported("NULLS FIRST/LAST");
            }
            order.add(new Order(expr, descending));
        } while (tokens.accept(","));
        return order;
    }
}
