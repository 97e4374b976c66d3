package org.xsmtp.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Byte helpers for the wire tests. Strings stand for bytes one char per byte (ISO-8859-1). */
final class WireBytes {

    private WireBytes() {
    }

    /** @return the bytes of {@code s}, one byte per char (every char must be U+0000..U+00FF) */
    static byte[] b(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("not a byte string: " + s);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return the bytes as a string, one char per byte: exact, and readable in assertion failures */
    static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] bytes, int off, int len) {
        return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] repeat(char c, int n) {
        return b(String.valueOf(c).repeat(n));
    }

    /**
     * Ways to cut {@code length} bytes into pieces: whole, every two-piece split, one byte at a time and
     * random chunk sizes from a fixed seed. Each way is a list of piece lengths that sum to {@code length}.
     */
    static List<int[]> splits(int length, long seed) {
        List<int[]> ways = new ArrayList<>();
        ways.add(new int[] {length});
        for (int cut = 0; cut <= length; cut++) {
            ways.add(new int[] {cut, length - cut});
        }
        int[] single = new int[length];
        java.util.Arrays.fill(single, 1);
        ways.add(single);
        Random random = new Random(seed);
        for (int round = 0; round < 20; round++) {
            ways.add(randomPieces(length, 1 + random.nextInt(1 + Math.max(1, length / 3)), random));
        }
        return ways;
    }

    /** @return random piece lengths (0..maxPiece, zero-length pieces included) that sum to {@code length} */
    static int[] randomPieces(int length, int maxPiece, Random random) {
        List<Integer> pieces = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int n = Math.min(left, random.nextInt(maxPiece + 1));
            pieces.add(n);
            left -= n;
        }
        return pieces.stream().mapToInt(Integer::intValue).toArray();
    }

    static String describe(int[] pieces) {
        if (pieces.length > 12) {
            return pieces.length + " pieces";
        }
        return java.util.Arrays.toString(pieces);
    }
}
