package org.xsmtp.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpOptions;

/**
 * The README's first command: starts an embedded GreenMail on a free loopback port, sends one message through
 * {@link SmtpClient} with the wire trace on, and prints the message as the server stored it.
 */
public final class Demo {
    private Demo() {
    }

    /**
     * @param args ignored
     * @throws Exception when the demo fails
     */
    public static void main(String[] args) throws Exception {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            int port = server.getSmtp().getPort();
            System.out.println("== embedded GreenMail SMTP on 127.0.0.1:" + port);
            String message = "From: Demo <demo@xsmtp.test>\r\nTo: You <you@example.test>\r\n"
                    + "Subject: Hello from xsmtp\r\n\r\nIt works.\r\n.leading dot survives\r\n";
            SmtpOptions options = SmtpOptions.builder().debugLevel(1).debugOut(System.out).build();
            try (SmtpClient smtp = new SmtpClient("127.0.0.1", port, options)) {
                Map<String, Reply> refused = smtp.sendmail("demo@xsmtp.test", List.of("you@example.test"),
                        message.getBytes(StandardCharsets.US_ASCII));
                System.out.println("== refused recipients: " + refused);
            }
            MimeMessage[] stored = server.getReceivedMessages();
            System.out.println("== the server stored " + stored.length + " message(s):");
            for (MimeMessage m : stored) {
                System.out.println(GreenMailUtil.getWholeMessage(m));
            }
        } finally {
            server.stop();
        }
    }
}
