package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Byte helpers for the tests. */
final class Bytes {

    static final byte[] EMPTY = new byte[0];

    private Bytes() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
