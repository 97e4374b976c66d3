/**
 * Byte pipes to a mail server: TCP, implicit TLS, the STARTTLS upgrade, Unix domain sockets, read and write
 * time limits. Nothing here knows SMTP.
 */
package org.xsmtp.net;
