package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Proves which Jakarta Mail each Surefire run really has (the build sets {@code xsmtp.expected.mail}). */
class MailApiVersionTest {

    @Test
    void theClassPathHasTheExpectedJakartaMail() {
        String expected = System.getProperty("xsmtp.expected.mail", "2.1");
        if (expected.equals("2.0")) {
            assertFalse(MailApi.is21(), "Jakarta Mail 2.1 API found in the 2.0 run");
            assertTrue(MailApi.present("com.sun.mail.smtp.SMTPTransport"), "com.sun.mail:jakarta.mail 2.0.1 missing");
            assertFalse(MailApi.present("org.eclipse.angus.mail.smtp.SMTPTransport"), "Angus Mail in the 2.0 run");
        } else {
            assertEquals("2.1", expected);
            assertTrue(MailApi.is21());
            assertTrue(MailApi.present("org.eclipse.angus.mail.smtp.SMTPTransport"));
        }
    }
}
