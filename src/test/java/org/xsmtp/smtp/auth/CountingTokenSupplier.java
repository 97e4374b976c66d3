package org.xsmtp.smtp.auth;

import java.util.function.Supplier;

/** Hands out "token-1", "token-2", ... and counts the calls. */
final class CountingTokenSupplier implements Supplier<String> {

    int calls;

    @Override
    public String get() {
        calls++;
        return "token-" + calls;
    }
}
