package org.xsmtp.cli;

/** The text of {@code xsmtp --help}. */
final class Usage {
    /** The usage text, ending with a line end. */
    static final String TEXT = """
            usage: xsmtp [options] [-t] [-f sender] [--] [recipient ...]  < message
                   xsmtp [options] [-t] --batch-dir DIR | --mbox FILE [recipient ...]
                   xsmtp --demo

            Sends a message (from standard input, or --file) like sendmail; with no --host it goes to an
            embedded GreenMail test server, which prints what it stored.

              -t                   recipients from To, Cc, Bcc (Resent-To, -Cc, -Bcc when the message has one
                                   Resent-* block), plus any named as arguments, each once; Bcc is never sent
              -f ADDR, -r ADDR     envelope sender (default: Sender or From, or their Resent- forms)
              -i, -oi              a line with a single dot is content; without -i it ends standard input
              -B 8BITMIME|7BIT     8BITMIME: MAIL BODY=8BITMIME when the server offers 8BITMIME
              -N never|success,failure,delay
                                   DSN: RCPT NOTIFY= when the server offers DSN
              -R hdrs|full         DSN: MAIL RET= when the server offers DSN
              -V ENVID             DSN: MAIL ENVID= (xtext) when the server offers DSN
              -F NAME, -h N, -L TAG, -oX, -bm
                                   accepted and ignored; short options combine as with getopt (-tf ADDR)
              -v                   same as --debug
              --file PATH          read the message from PATH (to its end) instead of standard input
              --batch-dir DIR      send each file of DIR (name order) as one message, over one connection
              --mbox FILE          send each message of an mbox file, over one connection
              --progress           show batch progress even when standard error is not a terminal
              --host HOST          mail server (for --lmtp also a Unix socket path starting with /)
              --port N             port (default 25; 465 with --tls; 2003 with --lmtp)
              --tls                TLS from the first byte (SMTPS)
              --starttls           STARTTLS before anything else; fail if the server does not offer it
              --cafile PEM         trust these certificates instead of the JDK's (host names still checked)
              --user NAME          authenticate (CRAM-MD5, PLAIN or LOGIN, as smtplib's login)
              --password-env VAR   the password is in environment variable VAR
              --password-file F    the password is the first line of file F (never on the command line)
              --lmtp               speak LMTP (one reply per recipient after the data)
              --helo NAME          name to send with EHLO/LHLO (default: this machine's name)
              --debug              wire trace on standard error (AUTH exchanges masked)
              --demo               send a multipart message through Jakarta Mail's
                                   Session.getTransport("xsmtp") to an embedded GreenMail
              --help               this text

            Exit status (sysexits.h): 0 sent to every recipient; 64 usage; 65 message unusable or refused (5xx);
            66 no input; 68 unknown host; 69 refused (5xx) or unavailable; 70 internal error; 74 read error;
            75 temporary failure, or outcome unknown (the message may have been delivered); 76 protocol error;
            77 authentication or TLS certificate failure; 78 password source unusable.
            """;

    private Usage() {
    }
}
