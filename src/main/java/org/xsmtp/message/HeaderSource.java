package org.xsmtp.message;

import java.util.List;

/**
 * Read access to the header fields of a message.
 */
public interface HeaderSource {

    /**
     * Returns every value of one header field.
     *
     * @param name the field name, matched case-insensitively
     * @return the raw values in message order, possibly still folded; empty when the field is
     *     absent, never {@code null}
     */
    List<String> values(String name);
}
