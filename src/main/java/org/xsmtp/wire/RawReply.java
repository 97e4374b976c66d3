package org.xsmtp.wire;

import java.util.List;

/**
 * One decoded reply before it becomes the engine's public {@code Reply}.
 *
 * @param code the three-digit code, or -1 when the last line did not start with three digits
 * @param text the text of every line (after the code and separator, trimmed of SP/HTAB/CR/LF), joined by LF
 * @param rawLines the lines exactly as received, terminator included, for a wire trace: empty unless the
 *     decoder keeps them, and only the first 64 KiB of a long reply
 */
public record RawReply(int code, byte[] text, List<byte[]> rawLines) {
}
