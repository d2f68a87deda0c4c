package dev.beton.emulator.posthog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits HogQL text into tokens with their columns, for the emulator's small parsers. Comments
 * ({@code --} and block comments) are skipped; string literals take ClickHouse's backslash and
 * doubled-quote escapes; back-quoted or double-quoted identifiers become words.
 */
final class HogQLTokens {

    enum Type {
        WORD,
        QUOTED_WORD,
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

    private static final List<String> TWO_CHAR = List.of(">=", "<=", "!=", "==", "<>", "||", "??");

    private final List<Token> tokens;
    private int position;

    private HogQLTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    static HogQLTokens of(String text) {
        return new HogQLTokens(new Lexer(text).tokens());
    }

    /** A single pass over the text; columns count from 1 over the whole text, as PostHog reports them. */
    private static final class Lexer {
        private final String text;
        private final List<Token> tokens = new ArrayList<>();
        private int i;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            while (i < text.length()) {
                char c = text.charAt(i);
                int start = i;
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (text.startsWith("--", i)) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? text.length() : end + 1;
                } else if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw HogQLError.syntax(start + 1, "unterminated comment");
                    }
                    i = end + 2;
                } else if (Character.isLetter(c) || c == '_' || c == '$') {
                    while (i < text.length()
                            && (Character.isLetterOrDigit(text.charAt(i)) || "_$".indexOf(text.charAt(i)) >= 0)) {
                        i++;
                    }
                    tokens.add(new Token(Type.WORD, text.substring(start, i), start + 1));
                } else if (Character.isDigit(c)) {
                    number(start);
                } else if (c == '\'') {
                    tokens.add(new Token(Type.STRING, quoted('\''), start + 1));
                } else if (c == '`' || c == '"') {
                    tokens.add(new Token(Type.QUOTED_WORD, quoted(c), start + 1));
                } else if (c == '{') {
                    i = text.indexOf('}', i + 1);
                    if (i < 0) {
                        throw HogQLError.syntax(start + 1, "unterminated placeholder");
                    }
                    i++;
                    tokens.add(new Token(
                            Type.PLACEHOLDER, text.substring(start + 1, i - 1).trim(), start + 1));
                } else {
                    boolean twoChar = i + 1 < text.length() && TWO_CHAR.contains(text.substring(i, i + 2));
                    i += twoChar ? 2 : 1;
                    tokens.add(new Token(Type.SYMBOL, text.substring(start, i), start + 1));
                }
            }
            tokens.add(new Token(Type.END, "end of input", text.length() + 1));
            return tokens;
        }

        private void number(int start) {
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                int exponent = i + 1;
                if (exponent < text.length() && "+-".indexOf(text.charAt(exponent)) >= 0) {
                    exponent++;
                }
                if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                    i = exponent;
                    while (i < text.length() && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                }
            }
            tokens.add(new Token(Type.NUMBER, text.substring(start, i), start + 1));
        }

        /** Reads a quoted run starting at {@code i}; {@code \x} and a doubled quote escape. */
        private String quoted(char quote) {
            int start = i;
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= text.length()) {
                    throw HogQLError.syntax(start + 1, "unterminated string literal");
                }
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    value.append(unescape(text.charAt(i + 1)));
                    i += 2;
                } else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                } else if (c == quote) {
                    i++;
                    return value.toString();
                } else {
                    value.append(c);
                    i++;
                }
            }
        }

        private static char unescape(char c) {
            return switch (c) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case '0' -> '\0';
                default -> c;
            };
        }
    }

    Token peek() {
        return tokens.get(position);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
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
