package org.xsmtp.smtp.auth;

/** The {@code saslname} encoding shared by GS2 headers and SCRAM (RFC 5801, RFC 5802). */
final class SaslNames {

    private SaslNames() {
    }

    /**
     * Escapes a name for a comma-separated SASL message: {@code ','} becomes {@code =2C} and {@code '='}
     * becomes {@code =3D}.
     *
     * @param name the name
     * @return the escaped name
     */
    static String escape(String name) {
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',') {
                escaped.append("=2C");
            } else if (c == '=') {
                escaped.append("=3D");
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
