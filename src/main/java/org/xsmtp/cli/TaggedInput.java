package org.xsmtp.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The message input, whose read failures become {@link InputFailure}s wherever they surface. */
final class TaggedInput extends FilterInputStream {
    /** @param in the message input */
    TaggedInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new InputFailure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw new InputFailure(e);
        }
    }
}
