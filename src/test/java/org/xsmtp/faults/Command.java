package org.xsmtp.faults;

/** A point of the session where smtp-sink can inject a fault, by its smtp-sink name. */
enum Command {
    CONNECT("CONNECT"),
    EHLO("EHLO"),
    MAIL("MAIL"),
    RCPT("RCPT"),
    DATA("DATA"),
    END_OF_DATA("."),
    QUIT("QUIT");

    final String sinkName;

    Command(String sinkName) {
        this.sinkName = sinkName;
    }
}
