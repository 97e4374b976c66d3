package org.xsmtp.message;

import java.util.List;

/**
 * One lexical token of an address header value.
 *
 * @param kind what the token is
 * @param text the atom text, the decoded content of a quoted string, the content of a domain
 *     literal without brackets and white space, or the special character itself
 * @param spaceBefore whether white space or a comment separated it from the previous token
 * @param commentsBefore the comments between the previous token and this one, without their
 *     outer parentheses
 */
record Token(Kind kind, String text, boolean spaceBefore, List<String> commentsBefore) {

    /** Token kinds. */
    enum Kind {
        /** A run of atext, including non-ASCII characters (RFC 6532). */
        ATOM,
        /** A quoted string; {@code text} is its decoded content. */
        QUOTED,
        /** A domain literal; {@code text} is the content between the brackets. */
        LITERAL,
        /** One of {@code < > @ , ; : .}. */
        SPECIAL,
        /** Input that cannot be part of any address; nothing containing it parses. */
        ERROR,
        /** The end of the value; always the last token. */
        END
    }

    boolean isSpecial(char c) {
        return kind == Kind.SPECIAL && text.charAt(0) == c;
    }

    /** A word of a phrase or local-part: an atom or a quoted string. */
    boolean isWord() {
        return kind == Kind.ATOM || kind == Kind.QUOTED;
    }
}
