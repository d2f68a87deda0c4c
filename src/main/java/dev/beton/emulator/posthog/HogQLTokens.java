package dev.beton.emulator.posthog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits HogQL text into tokens with their columns, for the emulator's small parsers. */
final class HogQLTokens {

    enum Type {
        WORD,
        NUMBER,
        STRING,
        PLACEHOLDER,
        SYMBOL,
        END
    }

    record Token(Type type, String text, int column) {

        boolean is(String word) {
            return (type == Type.WORD || type == Type.SYMBOL) && text.equalsIgnoreCase(word);
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private final List<Token> tokens;
    private int position;

    private HogQLTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    static HogQLTokens of(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (Character.isLetter(c) || c == '_' || c == '$') {
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i)) || "_$".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Type.WORD, text.substring(start, i), start + 1));
            } else if (Character.isDigit(c)) {
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Type.NUMBER, text.substring(start, i), start + 1));
            } else if (c == '\'') {
                i = text.indexOf('\'', i + 1);
                if (i < 0) {
                    throw HogQLError.syntax(start + 1, "unterminated string literal");
                }
                i++;
                tokens.add(new Token(Type.STRING, text.substring(start + 1, i - 1), start + 1));
            } else if (c == '{') {
                i = text.indexOf('}', i + 1);
                if (i < 0) {
                    throw HogQLError.syntax(start + 1, "unterminated placeholder");
                }
                i++;
                tokens.add(new Token(
                        Type.PLACEHOLDER, text.substring(start + 1, i - 1).trim(), start + 1));
            } else {
                boolean twoChar =
                        i + 1 < text.length() && List.of(">=", "<=", "!=", "==").contains(text.substring(i, i + 2));
                i += twoChar ? 2 : 1;
                tokens.add(new Token(Type.SYMBOL, text.substring(start, i), start + 1));
            }
        }
        tokens.add(new Token(Type.END, "end of input", text.length() + 1));
        return new HogQLTokens(tokens);
    }

    Token peek() {
        return tokens.get(position);
    }

    Token next() {
        Token token = tokens.get(position);
        if (token.type() != Type.END) {
            position++;
        }
        return token;
    }

    boolean accept(String word) {
        if (peek().is(word)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes {@code word} or fails with a syntax error pointing at what was found. */
    Token expect(String word) {
        Token token = next();
        if (!token.is(word)) {
            throw HogQLError.syntax(token.column(), "expected " + word + " but found '" + token.text() + "'");
        }
        return token;
    }

    /** Whether any remaining token is {@code word}. */
    boolean containsAhead(String word) {
        return tokens.subList(position, tokens.size()).stream().anyMatch(t -> t.is(word));
    }
}
