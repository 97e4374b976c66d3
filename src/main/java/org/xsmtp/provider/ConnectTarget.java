package org.xsmtp.provider;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.Arrays;

/**
 * Where and as whom {@code connect(host, port, user, password)} connects, each null argument filled as
 * Jakarta Mail's {@code Service.connect} documents it, with Angus's properties in between: the URL name,
 * then {@code mail.<protocol>.*} and its fallback prefix, then {@code mail.host} / {@code mail.user} and the
 * OS user name. A password comes from the URL name only together with its user.
 */
record ConnectTarget(String protocol, String host, int port, String file, String user, String password) {

    static ConnectTarget resolve(URLName url, Session session, ProviderProperties props, String host, int port,
            String user, String password) {
        String urlHost = url == null ? null : url.getHost();
        String urlUser = url == null ? null : url.getUsername();
        String h = host;
        if (h == null) {
            // Jakarta Mail fills the URL name with mail.host, mail.user and the OS user name when the caller
            // gave none; those must not hide Angus's mail.smtp.host and mail.smtp.user.
            h = explicit(urlHost, session.getProperty("mail.host")) ? urlHost
                    : firstNonNull(props.string("host"), session.getProperty("mail.host"));
        }
        String pw = password;
        String u = user;
        if (u == null) {
            if (explicit(urlUser, session.getProperty("mail.user"), System.getProperty("user.name"))) {
                u = urlUser;
                pw = pw != null ? pw : url.getPassword();
            } else {
                u = firstNonNull(props.string("user"), session.getProperty("mail.user"),
                        System.getProperty("user.name"));
                if (pw == null && url != null && u != null && u.equals(urlUser)) {
                    pw = url.getPassword(); // the URL's password goes with its user, whoever named that user
                }
            }
        } else if (pw == null && url != null && u.equals(urlUser)) {
            pw = url.getPassword();
        }
        int p = port != -1 || url == null ? port : url.getPort();
        return new ConnectTarget(props.protocol(), h, p, url == null ? null : url.getFile(), u, pw);
    }

    /** @return the same target with other credentials */
    ConnectTarget as(String newUser, String newPassword) {
        return new ConnectTarget(protocol, host, port, file, newUser, newPassword);
    }

    /** @return the URL name the session keys saved passwords by; with the password when {@code withPassword} */
    URLName urlName(boolean withPassword) {
        return new URLName(protocol, host, port, file, user, withPassword ? password : null);
    }

    private static boolean explicit(String value, String... serviceDefaults) {
        return value != null && !Arrays.asList(serviceDefaults).contains(value);
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
