package org.xsmtp.provider;

/** Which Jakarta Mail the tests run on: 2.1 (mail-api + Angus) by default, 2.0.1 in the compatibility run. */
final class MailApi {
    private MailApi() {
    }

    /** @return whether the Jakarta Mail 2.1 API (with StreamProvider) is on the class path */
    static boolean is21() {
        return present("jakarta.mail.util.StreamProvider");
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, MailApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
