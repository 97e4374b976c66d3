package org.xsmtp.smtp;

import java.io.IOException;
import java.io.OutputStream;

/** Shows the start of the message data in the wire trace, as smtplib's {@code send:} line does, bounded. */
final class DataTrace {
    private final WireTrace trace;
    private final OutputStream sink;
    private final byte[] preview;
    private int previewLength;
    private long total;

    DataTrace(WireTrace trace, OutputStream sink) {
        this.trace = trace;
        this.sink = sink;
        this.preview = trace.enabled() ? new byte[WireTrace.previewCapacity()] : null;
    }

    /** @return the stream to write encoded data to: the sink itself when tracing is off */
    OutputStream stream() {
        if (preview == null) {
            return sink;
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int n = Math.min(len, preview.length - previewLength);
                System.arraycopy(b, off, preview, previewLength, n);
                previewLength += n;
                total += len;
                sink.write(b, off, len);
            }
        };
    }

    void done() {
        if (preview != null) {
            trace.data(preview, previewLength, total);
        }
    }
}
