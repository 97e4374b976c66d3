package org.xsmtp.smtp.auth;

import java.text.Normalizer;
import javax.security.sasl.SaslException;

/**
 * The SASLprep profile of stringprep (RFC 4013, RFC 3454) for user names and passwords, applied as to a
 * "query" string: unassigned code points are allowed.
 *
 * <p>Steps: non-ASCII spaces become U+0020 and "commonly mapped to nothing" characters are deleted
 * (RFC 3454 tables C.1.2 and B.1), the result is normalised to NFKC, prohibited characters (tables C.1.2
 * to C.9) are rejected, and the bidirectional rule of RFC 3454 section 6 is enforced. The tables are RFC
 * 3454's (Unicode 3.2); normalisation and bidi classes come from the running JDK's Unicode version.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    /**
     * Prepares a string, or explains why it cannot be used.
     *
     * @param value the string to prepare
     * @param what what the string is ("username", "password"), for the message
     * @param mechanism the mechanism name, for the message
     * @return the prepared string
     * @throws SaslException naming the kind of offending character, never the string itself
     */
    static String prepare(String value, String what, String mechanism) throws SaslException {
        String prepared = Normalizer.normalize(map(value), Normalizer.Form.NFKC);
        for (int i = 0; i < prepared.length(); ) {
            int cp = prepared.codePointAt(i);
            String problem = prohibition(cp);
            if (problem != null) {
                throw new SaslException(mechanism + ": the " + what + " contains a prohibited character ("
                        + problem + ")");
            }
            i += Character.charCount(cp);
        }
        String bidiProblem = bidiProblem(prepared);
        if (bidiProblem != null) {
            throw new SaslException(mechanism + ": the " + what + " " + bidiProblem);
        }
        return prepared;
    }

    private static String map(String value) {
        StringBuilder mapped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            // RFC 4013 lists the space mapping first; U+200B is in both tables and so becomes a space.
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return mapped.toString();
    }

    /** Table C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B)
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Table B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    /** Tables C.1.2 to C.9: returns what is wrong with {@code cp}, or null if it is allowed. */
    private static String prohibition(int cp) {
        if (cp < 0x20 || cp == 0x7F) {
            return "ASCII control character";
        }
        if (isNonAsciiControl(cp)) {
            return "non-ASCII control character";
        }
        if (isNonAsciiSpace(cp)) {
            return "non-ASCII space";
        }
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)) {
            return "private use character";
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return "non-character code point";
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return "unpaired surrogate";
        }
        if (cp == 0xFFFD) {
            return "replacement character";
        }
        if (cp >= 0x2FF0 && cp <= 0x2FFB) {
            return "ideographic description character";
        }
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) {
            return "display-changing or deprecated character";
        }
        if (cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)) {
            return "tagging character";
        }
        return null;
    }

    /** Table C.2.2, plus U+FFF9..U+FFFB from C.6 and U+206A..U+206F from C.8, which it overlaps. */
    private static boolean isNonAsciiControl(int cp) {
        return (cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E
                || cp == 0x200C || cp == 0x200D || cp == 0x2028 || cp == 0x2029
                || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A);
    }

    /** RFC 3454 section 6: returns what is wrong, or null if the string passes. */
    private static String bidiProblem(String value) {
        boolean rightToLeft = false;
        boolean leftToRight = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            rightToLeft |= isRightToLeft(cp);
            leftToRight |= Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
            i += Character.charCount(cp);
        }
        if (!rightToLeft) {
            return null;
        }
        if (leftToRight) {
            return "mixes right-to-left and left-to-right characters";
        }
        if (!isRightToLeft(value.codePointAt(0)) || !isRightToLeft(value.codePointBefore(value.length()))) {
            return "contains right-to-left text that does not start and end with a right-to-left character";
        }
        return null;
    }

    private static boolean isRightToLeft(int cp) {
        byte direction = Character.getDirectionality(cp);
        return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
