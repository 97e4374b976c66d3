/** Pure SMTP wire format: reply decoding, command encoding, DATA/BDAT framing. No sockets. */
package org.xsmtp.wire;
