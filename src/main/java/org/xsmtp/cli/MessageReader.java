package org.xsmtp.cli;

import java.io.Closeable;
import java.io.IOException;

/** The messages of a batch, read one at a time. */
interface MessageReader extends Closeable {
    /**
     * One raw message of a batch.
     *
     * @param name how the user finds it again: a file name, or {@code mbox message N}
     * @param content the message bytes
     */
    record Item(String name, byte[] content) {
    }

    /** @return how many messages there are, or -1 when not known in advance */
    int total();

    /**
     * @return the next message, or null after the last
     * @throws IOException when reading fails
     */
    Item next() throws IOException;
}
