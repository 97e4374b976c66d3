package org.xsmtp.smtp;

import java.util.ArrayList;
import java.util.List;

/** What the client knows about the current session: greeting replies, extensions, the open transaction. */
final class Session {
    String heloResp;
    String ehloResp;
    EsmtpFeatures features = EsmtpFeatures.NONE;
    boolean doesEsmtp;
    boolean utf8Commands;
    boolean helloNeededAfterTls;
    String user;
    String password;
    int authChallengeCount;
    /** RCPT commands of the transaction opened with the low-level {@code mail()}. */
    final List<RecipientResult> recipients = new ArrayList<>();
    List<RecipientResult> lastResults = List.of();

    /** Forgets everything learnt from the server: after connect, STARTTLS and QUIT. */
    void reset() {
        heloResp = null;
        ehloResp = null;
        features = EsmtpFeatures.NONE;
        doesEsmtp = false;
        utf8Commands = false;
        endTransaction();
    }

    void endTransaction() {
        utf8Commands = false;
        recipients.clear();
    }

    /** smtplib: ESMTP parameters go only to servers that answered EHLO; the leading space included. */
    String parameters(List<String> options, boolean forMail) throws SmtpNotSupportedException {
        EsmtpParameters.check(options);
        if (options.isEmpty() || !doesEsmtp) {
            return "";
        }
        if (forMail && wantsUtf8(options) && !features.has("smtputf8")) {
            throw new SmtpNotSupportedException("SMTPUTF8 not supported by server");
        }
        return " " + String.join(" ", options);
    }

    boolean wantsUtf8(List<String> options) {
        if (doesEsmtp) {
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).equalsIgnoreCase("SMTPUTF8")) {
                    return true;
                }
            }
        }
        return false;
    }
}
