package org.xsmtp.message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Splits an unfolded address header value into {@link Token}s in one linear pass.
 *
 * <p>Comments are attached to the following token. An unterminated quoted string, comment or
 * domain literal produces an {@link Token.Kind#ERROR} token that swallows the rest of the input.
 * Quoted strings and domain literals may not contain CR, LF or NUL, so an addr-spec built from
 * tokens can never carry a line break into an SMTP command.
 */
final class AddressTokenizer {

    private static final String ASCII_ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";
    private static final String TOKEN_SPECIALS = "<>@,;:.";

    private final String s;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private boolean spaceBefore;
    private List<String> comments = List.of();

    private AddressTokenizer(String s) {
        this.s = s;
    }

    /**
     * Tokenizes a header value whose folding has already been removed.
     *
     * @param unfolded the value
     * @return the tokens, ending with exactly one {@link Token.Kind#END} token
     */
    static List<Token> tokenize(String unfolded) {
        AddressTokenizer t = new AddressTokenizer(unfolded);
        t.run();
        return t.tokens;
    }

    private void run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                // A line break left after unfolding is not inside any token; treat it as space.
                spaceBefore = true;
                pos++;
            } else if (c == '(') {
                if (!comment()) {
                    break;
                }
            } else if (c == '"') {
                if (!quotedString()) {
                    break;
                }
            } else if (c == '[') {
                if (!domainLiteral()) {
                    break;
                }
            } else if (TOKEN_SPECIALS.indexOf(c) >= 0) {
                emit(Token.Kind.SPECIAL, String.valueOf(c));
                pos++;
            } else if (atextLength(pos) > 0) {
                int end = pos;
                int n;
                while (end < s.length() && (n = atextLength(end)) > 0) {
                    end += n;
                }
                emit(Token.Kind.ATOM, s.substring(pos, end));
                pos = end;
            } else {
                emit(Token.Kind.ERROR, String.valueOf(c));
                pos++;
            }
        }
        emit(Token.Kind.END, "");
    }

    private void emit(Token.Kind kind, String text) {
        tokens.add(new Token(kind, text, spaceBefore, comments));
        spaceBefore = false;
        comments = List.of();
    }

    private void unterminated(String what) {
        emit(Token.Kind.ERROR, "unterminated " + what);
        pos = s.length();
    }

    private boolean comment() {
        int depth = 0;
        StringBuilder text = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                text.append(s.charAt(pos++));
                continue;
            }
            if (c == '(') {
                depth++;
                if (depth == 1) {
                    continue;
                }
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    if (comments.isEmpty()) {
                        comments = new ArrayList<>(1);
                    }
                    comments.add(text.toString().strip());
                    spaceBefore = true;
                    return true;
                }
            }
            text.append(c);
        }
        unterminated("comment");
        return false;
    }

    /**
     * Reads a quoted string. A forbidden character inside it makes the whole string one
     * {@link Token.Kind#ERROR} token, so that its content is never read as addresses.
     */
    private boolean quotedString() {
        return delimited('"', Token.Kind.QUOTED, "quoted string", false,
                c -> c == '\t' || (c >= ' ' && validCodePoint(c)));
    }

    /** Reads a domain literal, dropping white space inside it; see {@link #quotedString}. */
    private boolean domainLiteral() {
        return delimited(']', Token.Kind.LITERAL, "domain literal", true,
                c -> c != '[' && c != '\\' && c > ' ' && validCodePoint(c));
    }

    /**
     * Reads from the opening character at {@code pos} to {@code close}, unescaping quoted pairs; the token is
     * {@code kind}, or {@link Token.Kind#ERROR} when a character fails {@code allowed}.
     */
    private boolean delimited(int close, Token.Kind kind, String what, boolean dropBlanks, IntPredicate allowed) {
        StringBuilder text = new StringBuilder();
        boolean bad = false;
        pos++;
        while (pos < s.length()) {
            int c = s.codePointAt(pos);
            pos += Character.charCount(c);
            if (c == close) {
                emit(bad ? Token.Kind.ERROR : kind, text.toString());
                return true;
            }
            if (dropBlanks && (c == ' ' || c == '\t')) {
                continue;
            }
            if (c == '\\' && pos < s.length()) {
                c = s.codePointAt(pos);
                pos += Character.charCount(c);
            }
            bad |= !allowed.test(c);
            text.appendCodePoint(c);
        }
        unterminated(what);
        return false;
    }

    /**
     * Rejects DEL, U+FFFD (the mark of undecodable input bytes) and lone surrogates; control
     * characters below space are checked by the callers.
     */
    private static boolean validCodePoint(int c) {
        return c != 0x7f && c != 0xFFFD && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    /** Length in chars of the atext character at {@code i}, 0 when it is not atext. */
    private int atextLength(int i) {
        int c = s.codePointAt(i);
        if (c < 0x80) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ASCII_ATEXT_SYMBOLS.indexOf(c) >= 0;
            return ok ? 1 : 0;
        }
        return validCodePoint(c) ? Character.charCount(c) : 0;
    }
}
