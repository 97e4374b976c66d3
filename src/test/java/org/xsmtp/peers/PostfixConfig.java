package org.xsmtp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main.cf and master.cf of a private Postfix instance ({@link PostfixPeer}): every
 * path under the instance's own directory, smtpd on one loopback port, no chroot, its own
 * log file and syslog name, relaying for 127.0.0.0/8 to one next hop (or discarding).
 */
final class PostfixConfig {

    /** The daemons the instance runs: everything relaying needs, nothing for local delivery. */
    private static final String SERVICES = String.join("\n",
            "cleanup   unix  n       -       n       -       0       cleanup",
            "qmgr      unix  n       -       n       300     1       qmgr",
            "tlsmgr    unix  -       -       n       1000?   1       tlsmgr",
            "rewrite   unix  -       -       n       -       -       trivial-rewrite",
            "bounce    unix  -       -       n       -       0       bounce",
            "defer     unix  -       -       n       -       0       bounce",
            "trace     unix  -       -       n       -       0       bounce",
            "verify    unix  -       -       n       -       1       verify",
            "flush     unix  n       -       n       1000?   0       flush",
            "proxymap  unix  -       -       n       -       -       proxymap",
            "smtp      unix  -       -       n       -       -       smtp",
            "relay     unix  -       -       n       -       -       smtp",
            "error     unix  -       -       n       -       -       error",
            "retry     unix  -       -       n       -       -       error",
            "discard   unix  -       -       n       -       -       discard",
            "anvil     unix  -       -       n       -       1       anvil",
            "scache    unix  -       -       n       -       1       scache",
            "postlog   unix-dgram n  -       n       -       1       postlogd",
            "");

    private final Map<String, String> main = new LinkedHashMap<>();
    private final int port;

    /**
     * @param root     the instance directory (holds etc/, spool/, data/, maillog)
     * @param port     the smtpd port on 127.0.0.1
     * @param cert     the server certificate for STARTTLS
     * @param nextHop  "[127.0.0.1]:port" to relay everything there, or null to discard all mail
     */
    PostfixConfig(Path root, int port, ServerCertificate cert, String nextHop) {
        this.port = port;
        main.put("compatibility_level", "3.6");
        main.put("queue_directory", root.resolve("spool").toString());
        main.put("data_directory", root.resolve("data").toString());
        main.put("mail_owner", "postfix");
        main.put("setgid_group", "postdrop");
        main.put("syslog_name", "xsmtp-test-postfix-" + port);
        main.put("maillog_file", root.resolve("maillog").toString());
        main.put("maillog_file_prefixes", root.toString());
        main.put("myhostname", "postfix.test");
        main.put("mydomain", "test");
        main.put("myorigin", "$myhostname");
        main.put("inet_interfaces", "127.0.0.1");
        main.put("inet_protocols", "ipv4");
        main.put("mynetworks", "127.0.0.0/8");
        main.put("mydestination", "");
        main.put("relay_domains", "");
        main.put("local_recipient_maps", "");
        main.put("alias_maps", "");
        main.put("alias_database", "");
        main.put("smtpd_relay_restrictions", "permit_mynetworks, reject");
        main.put("smtpd_tls_security_level", "may");
        main.put("smtpd_tls_cert_file", cert.certPem().toString());
        main.put("smtpd_tls_key_file", cert.keyPem().toString());
        main.put("smtp_tls_security_level", "none");
        main.put("smtputf8_enable", "yes");
        main.put("smtpd_peername_lookup", "no");
        main.put("smtpd_error_sleep_time", "0");
        main.put("in_flow_delay", "0");
        main.put("biff", "no");
        if (nextHop != null) {
            main.put("relayhost", nextHop);
        } else {
            main.put("default_transport", "discard:xsmtp-test");
        }
    }

    /** Sets (or overrides) one main.cf parameter. */
    void set(String name, String value) {
        main.put(name, value);
    }

    /** Writes main.cf and master.cf into {@code configDir}. */
    void writeTo(Path configDir) {
        StringBuilder mainCf = new StringBuilder("# private test instance written by org.xsmtp.peers.PostfixConfig\n");
        main.forEach((k, v) -> mainCf.append(k).append(" = ").append(v).append('\n'));
        String masterCf = "127.0.0.1:" + port + " inet n - n - - smtpd\n" + SERVICES;
        try {
            Files.writeString(configDir.resolve("main.cf"), mainCf, StandardCharsets.UTF_8);
            Files.writeString(configDir.resolve("master.cf"), masterCf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
