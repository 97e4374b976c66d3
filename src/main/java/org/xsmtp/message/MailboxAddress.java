package org.xsmtp.message;

import java.util.Objects;

/**
 * One mailbox taken from an address header: an optional display name and an addr-spec.
 *
 * <p>The addr-spec carries no angle brackets: {@code user@example.com},
 * {@code "a b"@example.com} (a quoted local-part stays quoted), {@code user@[127.0.0.1]},
 * or a bare local-part such as {@code postmaster}. Comments and folding white space have been
 * removed from it, so it can be placed between {@code <} and {@code >} in an SMTP command.
 *
 * @param displayName the display name, with quoted strings decoded; {@code ""} when absent.
 *     Encoded words (RFC 2047) are not decoded.
 * @param addrSpec the address, never {@code null}
 */
public record MailboxAddress(String displayName, String addrSpec) {

    /**
     * Checks that neither component is {@code null}.
     *
     * @param displayName the display name, {@code ""} when absent
     * @param addrSpec the address without angle brackets
     * @throws NullPointerException if either argument is {@code null}
     */
    public MailboxAddress {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(addrSpec, "addrSpec");
    }
}
