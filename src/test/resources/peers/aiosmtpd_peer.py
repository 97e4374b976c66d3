#!/usr/bin/python3
"""Test peer for xsmtp: an aiosmtpd SMTP or LMTP server driven by command-line flags.

Started by org.xsmtp.peers.AiosmtpdPeer with Debian's /usr/bin/python3 (package
python3-aiosmtpd).  It listens on 127.0.0.1 (port 0 = the kernel picks a free one)
or on a Unix socket, prints one line "READY <port>" or "READY unix:<path>" on stdout
once it accepts connections, and runs until SIGTERM, SIGINT, or end of file on its
standard input (the parent keeps the pipe open; it closes when the parent dies).

Every accepted message is stored in --store-dir as NNNN.eml (the raw content as
received after dot-unstuffing, CRLF line ends kept) and then NNNN.env (the envelope,
UTF-8 lines "key value"), the .env file written last and atomically, so its
presence means the message is complete.
"""

import argparse
import asyncio
import os
import signal
import ssl
import sys

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--mode", choices=("smtp", "lmtp"), default="smtp")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--unix", metavar="PATH", help="listen on this Unix socket instead")
    p.add_argument("--store-dir", required=True)
    p.add_argument("--hostname", default="aiosmtpd.test")
    p.add_argument("--tls-cert", help="PEM certificate chain (enables STARTTLS)")
    p.add_argument("--tls-key", help="PEM private key")
    p.add_argument("--implicit-tls", action="store_true",
                   help="TLS from the first byte instead of STARTTLS")
    p.add_argument("--require-starttls", action="store_true")
    p.add_argument("--auth-user")
    p.add_argument("--auth-password")
    p.add_argument("--auth-require-tls", choices=("true", "false"), default="true")
    p.add_argument("--auth-required", action="store_true")
    p.add_argument("--smtputf8", action="store_true")
    p.add_argument("--size-limit", type=int, default=33554432,
                   help="SIZE limit; 0 means no limit and no SIZE keyword")
    p.add_argument("--rcpt-reject", nargs=2, action="append", default=[],
                   metavar=("ADDRESS", "REPLY"), help="reply to RCPT for this address")
    p.add_argument("--data-fail", nargs=2, action="append", default=[],
                   metavar=("ADDRESS", "REPLY"),
                   help="reply for this recipient after DATA (LMTP: its own line)")
    return p.parse_args(argv)


class StoringHandler:
    """aiosmtpd handler: rejects configured recipients, stores accepted messages."""

    def __init__(self, args):
        self.lmtp = args.mode == "lmtp"
        self.store_dir = args.store_dir
        self.rcpt_reject = {a.lower(): r for a, r in args.rcpt_reject}
        self.data_fail = {a.lower(): r for a, r in args.data_fail}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_reject.get(address.lower())
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        replies = []
        delivered = []
        for rcpt in envelope.rcpt_tos:
            failure = self.data_fail.get(rcpt.lower())
            if failure is None:
                delivered.append(rcpt)
                replies.append("250 2.0.0 OK <%s>" % rcpt)
            else:
                replies.append(failure)
        if delivered:
            # session.ssl is only set by STARTTLS; implicit TLS shows on the transport.
            tls = session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
            self.store(session, envelope, delivered, tls)
        if self.lmtp:
            # aiosmtpd pushes the returned text plus CRLF: one line per recipient.
            return "\r\n".join(replies)
        failures = [r for r in replies if not r.startswith("2")]
        return failures[0] if failures else "250 2.0.0 OK stored"

    def store(self, session, envelope, delivered, tls):
        self.count += 1
        base = os.path.join(self.store_dir, "%04d" % self.count)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        lines = [
            "helo " + (session.host_name or ""),
            "tls " + ("true" if tls else "false"),
            "auth " + (str(session.auth_data) if session.authenticated else ""),
            "mail_from " + (envelope.mail_from or ""),
            "mail_options " + " ".join(envelope.mail_options),
            "smtputf8 " + ("true" if envelope.smtp_utf8 else "false"),
        ]
        lines += ["rcpt " + r for r in envelope.rcpt_tos]
        lines += ["delivered " + r for r in delivered]
        tmp = base + ".env.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, base + ".env")


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        if ok:
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)
    return authenticate


def server_ssl_context(args):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(args.tls_cert, args.tls_key)
    return ctx


def protocol_factory(args, handler):
    cls = LMTP if args.mode == "lmtp" else SMTP
    tls = server_ssl_context(args) if args.tls_cert else None
    kwargs = dict(
        hostname=args.hostname,
        enable_SMTPUTF8=args.smtputf8,
        data_size_limit=args.size_limit or None,
        auth_required=args.auth_required,
        # Over implicit TLS aiosmtpd does not know the channel is encrypted.
        auth_require_tls=args.auth_require_tls == "true" and not args.implicit_tls,
    )
    if tls is not None and not args.implicit_tls:
        kwargs.update(tls_context=tls, require_starttls=args.require_starttls)
    if args.auth_user is not None:
        kwargs["authenticator"] = make_authenticator(args.auth_user, args.auth_password or "")
    return lambda: cls(handler, **kwargs)


async def watch_parent(stop):
    """Stop when stdin reaches end of file or the parent process goes away."""
    loop = asyncio.get_running_loop()
    parent = os.getppid()

    def on_stdin():
        try:
            data = os.read(0, 4096)
        except OSError:
            data = b""
        if not data:
            loop.remove_reader(0)
            stop.set()

    loop.add_reader(0, on_stdin)
    while not stop.is_set():
        if os.getppid() != parent:
            stop.set()
        await asyncio.sleep(0.5)


async def serve(args):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    handler = StoringHandler(args)
    factory = protocol_factory(args, handler)
    wrap = server_ssl_context(args) if args.implicit_tls else None
    if args.unix:
        server = await loop.create_unix_server(factory, path=args.unix, ssl=wrap)
        ready = "READY unix:" + args.unix
    else:
        server = await loop.create_server(factory, host=args.host, port=args.port, ssl=wrap)
        ready = "READY %d" % server.sockets[0].getsockname()[1]
    print(ready, flush=True)
    watcher = asyncio.ensure_future(watch_parent(stop))
    await stop.wait()
    watcher.cancel()
    server.close()
    await server.wait_closed()
    if args.unix and os.path.exists(args.unix):
        os.unlink(args.unix)


def main(argv):
    args = parse_args(argv)
    if args.implicit_tls and not args.tls_cert:
        sys.exit("--implicit-tls needs --tls-cert and --tls-key")
    asyncio.run(serve(args))


if __name__ == "__main__":
    main(sys.argv[1:])
