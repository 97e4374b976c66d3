package org.xsmtp.smtp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * smtplib's default HELO name: the machine's fully qualified name when it has a dot, else its address as an
 * address literal. Looked up once per JVM: the lookup can be slow.
 */
final class LocalHostname {
    private static volatile String cached;

    private LocalHostname() {
    }

    static String get() {
        String name = cached;
        if (name == null) {
            name = lookup();
            cached = name;
        }
        return name;
    }

    private static String lookup() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String fqdn = local.getCanonicalHostName();
            if (fqdn.contains(".") && !fqdn.equals(local.getHostAddress())) {
                return fqdn;
            }
            return local instanceof Inet6Address ? "[IPv6:" + local.getHostAddress() + "]"
                    : "[" + local.getHostAddress() + "]";
        } catch (UnknownHostException e) {
            return "[127.0.0.1]";
        }
    }
}
