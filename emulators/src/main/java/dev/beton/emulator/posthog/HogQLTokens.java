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

    /**
     * @param position 1-based offset in the whole text
     * @param line 1-based line
     * @param column 1-based column within the line, as PostHog's syntax errors count
     */
    record Token(Type type, String text, int position, int line, int column) {

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

        private Token token(Type type, String value, int offset) {
            int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
            int line = 1
                    + (int) text.substring(0, offset)
                            .chars()
                            .filter(ch -> ch == '\n')
                            .count();
            return new Token(type, value, offset + 1, line, offset - lineStart + 1);
        }

        private HogQLError error(int offset, String message) {
            return HogQLError.syntax(token(Type.END, "", offset), message);
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
                        throw error(start, "unterminated comment");
                    }
                    i = end + 2;
                } else if (Character.isLetter(c) || c == '_' || c == '$') {
                    while (i < text.length()
                            && (Character.isLetterOrDigit(text.charAt(i)) || "_$".indexOf(text.charAt(i)) >= 0)) {
                        i++;
                    }
                    tokens.add(token(Type.WORD, text.substring(start, i), start));
                } else if (Character.isDigit(c)) {
                    number(start);
                } else if (c == '\'') {
                    tokens.add(token(Type.STRING, quoted('\''), start));
                } else if (c == '`' || c == '"') {
                    tokens.add(token(Type.QUOTED_WORD, quoted(c), start));
                } else if (c == '{') {
                    i = text.indexOf('}', i + 1);
                    if (i < 0) {
                        throw error(start, "unterminated placeholder");
                    }
                    i++;
                    tokens.add(token(
                            Type.PLACEHOLDER, text.substring(start + 1, i - 1).trim(), start));
                } else {
                    boolean twoChar = i + 1 < text.length() && TWO_CHAR.contains(text.substring(i, i + 2));
                    i += twoChar ? 2 : 1;
                    tokens.add(token(Type.SYMBOL, text.substring(start, i), start));
                }
            }
            tokens.add(token(Type.END, "end of input", text.length()));
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
            tokens.add(token(Type.NUMBER, text.substring(start, i), start));
        }

        /** Reads a quoted run starting at {@code i}; {@code \x} and a doubled quote escape. */
        private String quoted(char quote) {
            int start = i;
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= text.length()) {
                    throw error(start, "unterminated string literal");
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
            throw HogQLError.syntax(token, "expected " + word + " but found '" + token.text() + "'");
        }
        return token;
    }

    /** Whether any remaining token is {@code word}. */
    boolean containsAhead(String word) {
        return tokens.subList(position, tokens.size()).stream().anyMatch(t -> t.is(word));
    }
}
