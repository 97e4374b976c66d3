package org.xsmtp.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * How the fuzz targets read their raw input, spelled out so that seed files can be written by hand. The
 * first byte seeds the split of the stream into pieces; an optional repetition header lets a short input
 * stand for a long stream (a long line, a thousand lines), which mutating inputs of at most 4 KiB could not
 * otherwise reach.
 */
final class FuzzInput {
    /**
     * Longest stream a repetition may produce: enough for the line cap (8 KiB) and the line-count cap (1,000
     * lines). The 1 MiB reply cap is left to the unit and engine tests: every byte goes through the
     * instrumented decoder, and megabyte inputs slowed fuzzing down six times.
     */
    static final int MAX_STREAM = 16 << 10;

    private FuzzInput() {
    }

    /** @return the split seed: the first byte, or 0 */
    static int splitSeed(byte[] input) {
        return input.length == 0 ? 0 : input[0] & 0xFF;
    }

    /** @return the input after its first byte */
    static byte[] afterSeed(byte[] input) {
        return input.length <= 1 ? new byte[0] : Arrays.copyOfRange(input, 1, input.length);
    }

    /**
     * Expands {@code [seed]['R'][repeat: 2 bytes][unit length: 2 bytes][unit][rest]} into unit x (repeat mod
     * 4096) + rest, at most {@link #MAX_STREAM} bytes. Any other input is the stream as it is after the seed
     * byte: long streams are slow to fuzz, so they are opt-in.
     */
    static byte[] expanded(byte[] input) {
        if (input.length < 6 || input[1] != 'R') {
            return afterSeed(input);
        }
        int repeat = ((input[2] & 0xFF) << 8 | (input[3] & 0xFF)) % 4096;
        int unit = Math.min((input[4] & 0xFF) << 8 | (input[5] & 0xFF), input.length - 6);
        int rest = input.length - 6 - unit;
        long total = Math.min(MAX_STREAM, (long) unit * repeat + rest);
        byte[] out = new byte[(int) total];
        int pos = 0;
        for (int r = 0; r < repeat && pos < total; r++) {
            int n = (int) Math.min(unit, total - pos);
            System.arraycopy(input, 6, out, pos, n);
            pos += n;
        }
        System.arraycopy(input, 6 + unit, out, pos, (int) Math.min(rest, total - pos));
        return out;
    }

    /**
     * The lengths of the pieces a stream is cut into, made as they are asked for: from single bytes (seed a
     * multiple of 4) to several KiB, chosen by the seed; {@link #WHOLE} gives one piece.
     */
    static final class Split {
        static final int WHOLE = -1;

        private final Random random;
        private final int max;
        private int left;

        Split(int length, int seed) {
            this.left = length;
            this.random = new Random(seed);
            this.max = seed == WHOLE ? Integer.MAX_VALUE : switch (seed % 4) {
                case 0 -> 1;
                case 1 -> 8;
                case 2 -> 701;
                default -> 9001;
            };
        }

        /** @return the length of the next piece, 0 when the stream is used up */
        int next() {
            int n = max == Integer.MAX_VALUE ? left : Math.min(left, 1 + random.nextInt(max));
            left -= n;
            return n;
        }
    }

    /** Hands out a stream piece by piece: the buffer's limit grows, its position is the consumer's. */
    static final class Feed {
        private final ByteBuffer buffer;
        private final Split split;

        Feed(byte[] stream, int seed) {
            this.buffer = ByteBuffer.wrap(stream).limit(0);
            this.split = new Split(stream.length, seed);
        }

        /** @return the buffer with the next piece added, or null when the stream is used up */
        ByteBuffer next() {
            int n = split.next();
            if (n == 0) {
                return null;
            }
            buffer.limit(buffer.limit() + n);
            return buffer;
        }
    }
}
