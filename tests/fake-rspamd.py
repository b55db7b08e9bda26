#!/usr/bin/env python3
"""fake-rspamd.py: a small HTTP server for fault injection in the tests.

The real rspamd is used for everything that works; this server exists to
answer the way a broken or hostile server would, and to record exactly what
the client sent.  Standard library only; binds 127.0.0.1 only.

Usage:
  fake-rspamd.py --port N --mode MODE [--reply FILE] [--log FILE]
                 [--ready-file F] [--delay SECONDS]

--port 0 picks an ephemeral port; the port is written to --ready-file
(atomically, after the socket listens).

Modes (every request on every connection gets the same treatment):
  canned        200, Content-Type: application/json, body = --reply file
                (a small built-in ham reply if no --reply)
  status500     500 Internal Server Error, {"error":"fake internal error"}
  status401     401 Unauthorized, {"error":"Unauthorized"}
  empty200      200 with Content-Length: 0
  notjson       200 with "this is not json\\n"
  notobject     200 with "[1,2]"
  silent        read the request, never answer, keep the connection open
  close         read the request, close without any reply
  cut           headers with Content-Length: 1000, 10 bytes of body, close
  huge          200 with a valid 64 MiB JSON body, streamed in chunks
  trickle       the canned reply (or --reply), 1 byte every --delay
                seconds (default 0.05)
  milter-inject 200 with a reply whose milter add_headers values, subject
                and symbol options contain CR, LF and NUL
  garbage       not HTTP at all: "HELLO\\r\\n\\r\\n", then close

A request carrying "Expect: 100-continue" gets "HTTP/1.1 100 Continue"
first in every mode but garbage, so the client sends its body at once.

--log FILE: each request is appended to FILE exactly as received (request
line, headers, body; chunked bodies are kept raw), followed by the line
"--- end of request ---".  The same bytes also go to FILE.1, FILE.2, ...
(one file per request, in arrival order) for byte-exact comparisons.
Requests the client abandoned half-way are logged with the line
"--- incomplete request ---" instead.

SIGTERM or SIGINT stops the server and exits 0.
"""

import argparse
import json
import os
import signal
import socket
import socketserver
import sys
import threading
import time

MAX_HEADER = 1 << 20
HUGE_SIZE = 64 << 20

DEFAULT_REPLY = {
    "is_skipped": False,
    "score": 1.5,
    "required_score": 15.0,
    "action": "no action",
    "thresholds": {"reject": 15.0, "add header": 6.0, "greylist": 4.0},
    "symbols": {
        "FAKE_SYMBOL": {
            "name": "FAKE_SYMBOL",
            "score": 1.5,
            "metric_score": 1.5,
            "description": "Fake symbol",
            "options": ["fake option"],
        }
    },
    "messages": {},
    "message-id": "fake@example.org",
    "time_real": 0.001,
    "milter": {"remove_headers": {"X-Spam": 0}},
}

MILTER_INJECT_REPLY = {
    "is_skipped": False,
    "score": 7.0,
    "required_score": 15.0,
    "action": "rewrite subject",
    "subject": "Hello\r\nBcc: victim@example.com\u0000tail",
    "symbols": {
        "INJECT\r\nX-Evil: 1": {
            "name": "INJECT\r\nX-Evil: 1",
            "score": 7.0,
            "metric_score": 7.0,
            "options": ["a\r\nInjected: yes", "x\u0000y", "lf\nonly",
                        "cr\ronly"],
        }
    },
    "messages": {"smtp_message": "line1\r\nline2\u0000"},
    "message-id": "inject@example.org",
    "time_real": 0.001,
    "milter": {
        "add_headers": {
            "X-Injected": "a\r\nInjected: yes",
            "X-Nul": "x\u0000y",
            "X-Object": {"value": "v\r\n\r\nbody-injection", "order": 0},
            "X-Array": [{"value": "one\nTwo: 2", "order": 1},
                        {"value": "three\rFour: 4", "order": 2}],
            "X-Bad\r\nName": "value",
        },
        "remove_headers": {"X-Spam": 0},
    },
}


class Config:
    mode = "canned"
    reply = None
    log = None
    delay = 0.05
    log_lock = threading.Lock()
    count = 0
    stopping = threading.Event()


def log_request(raw, complete):
    if not Config.log:
        return
    with Config.log_lock:
        Config.count += 1
        with open("%s.%d" % (Config.log, Config.count), "wb") as f:
            f.write(raw)
        with open(Config.log, "ab") as f:
            f.write(raw)
            if not raw.endswith(b"\n"):
                f.write(b"\n")
            if complete:
                f.write(b"--- end of request ---\n")
            else:
                f.write(b"--- incomplete request ---\n")


def parse_headers(head):
    """Return a dict of lower-cased header names from the raw head."""
    headers = {}
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    for line in lines[1:]:
        if b":" not in line:
            continue
        name, value = line.split(b":", 1)
        headers[name.strip().lower().decode("latin-1")] = \
            value.strip().decode("latin-1")
    return headers


class Request:
    """Reads one HTTP request from a socket, keeping the raw bytes."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.raw = b""

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError
        self.buf += data
        self.raw += data

    def _take(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _line(self):
        while b"\n" not in self.buf:
            if len(self.buf) > MAX_HEADER:
                raise EOFError
            self._fill()
        i = self.buf.index(b"\n") + 1
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def read(self, on_continue):
        """Read head and body.  Returns True when complete."""
        while True:
            for sep in (b"\r\n\r\n", b"\n\n"):
                i = self.buf.find(sep)
                if i >= 0:
                    break
            if i >= 0:
                break
            if len(self.buf) > MAX_HEADER:
                return False
            self._fill()
        head, self.buf = self.buf[:i], self.buf[i + len(sep):]
        headers = parse_headers(head)
        if headers.get("expect", "").lower() == "100-continue":
            on_continue()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            while True:
                size_line = self._line()
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    # trailers up to the empty line
                    while self._line().strip():
                        pass
                    break
                self._take(size)
                self._line()
        else:
            self._take(int(headers.get("content-length", "0") or 0))
        return True


def http_reply(status, body, ctype="application/json", length=None):
    if length is None:
        length = len(body)
    head = ("HTTP/1.1 %s\r\n"
            "Connection: close\r\n"
            "Server: fake-rspamd\r\n"
            "Content-Type: %s\r\n"
            "Content-Length: %d\r\n\r\n" % (status, ctype, length))
    return head.encode("ascii") + body


def reply_body():
    if Config.reply is not None:
        return Config.reply
    return json.dumps(DEFAULT_REPLY).encode()


def send_huge(sock):
    prefix = b'{"is_skipped":false,"score":0.0,"required_score":15.0,' \
             b'"action":"no action","symbols":{},"padding":"'
    suffix = b'"}'
    pad = HUGE_SIZE - len(prefix) - len(suffix)
    sock.sendall(http_reply("200 OK", b"", length=HUGE_SIZE))
    sock.sendall(prefix)
    chunk = b"x" * 65536
    while pad > 0:
        n = min(pad, len(chunk))
        sock.sendall(chunk[:n])
        pad -= n
    sock.sendall(suffix)


def wait_forever(sock):
    """Keep the connection open until the server stops or the peer goes."""
    sock.settimeout(0.2)
    while not Config.stopping.is_set():
        try:
            if not sock.recv(65536):
                return
        except socket.timeout:
            continue
        except OSError:
            return


def answer(sock):
    mode = Config.mode
    if mode == "canned":
        sock.sendall(http_reply("200 OK", reply_body()))
    elif mode == "status500":
        sock.sendall(http_reply("500 Internal Server Error",
                                b'{"error":"fake internal error"}'))
    elif mode == "status401":
        sock.sendall(http_reply("401 Unauthorized",
                                b'{"error":"Unauthorized"}'))
    elif mode == "empty200":
        sock.sendall(http_reply("200 OK", b""))
    elif mode == "notjson":
        sock.sendall(http_reply("200 OK", b"this is not json\n",
                                ctype="text/plain"))
    elif mode == "notobject":
        sock.sendall(http_reply("200 OK", b"[1,2]"))
    elif mode == "silent":
        wait_forever(sock)
    elif mode == "close":
        pass
    elif mode == "cut":
        sock.sendall(http_reply("200 OK", b'{"action":', length=1000))
    elif mode == "huge":
        send_huge(sock)
    elif mode == "trickle":
        data = http_reply("200 OK", reply_body())
        for i in range(len(data)):
            if Config.stopping.is_set():
                return
            sock.sendall(data[i:i + 1])
            time.sleep(Config.delay)
    elif mode == "milter-inject":
        sock.sendall(http_reply("200 OK",
                                json.dumps(MILTER_INJECT_REPLY).encode()))


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        if Config.mode == "garbage":
            # Still record what the client sent, if it sends anything soon.
            sock.settimeout(1.0)
            req = Request(sock)
            complete = False
            try:
                complete = req.read(lambda: None)
            except (EOFError, OSError, socket.timeout, ValueError):
                pass
            log_request(req.raw, complete)
            try:
                sock.sendall(b"HELLO\r\n\r\n")
            except OSError:
                pass
            return
        req = Request(sock)

        def cont():
            sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")

        try:
            complete = req.read(cont)
        except (EOFError, OSError, ValueError):
            complete = False
        log_request(req.raw, complete)
        if not complete:
            return
        try:
            answer(sock)
        except OSError:
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


MODES = ("canned", "status500", "status401", "empty200", "notjson",
         "notobject", "silent", "close", "cut", "huge", "trickle",
         "milter-inject", "garbage")


def main():
    ap = argparse.ArgumentParser(description="fault-injection fake rspamd")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--mode", required=True, choices=MODES)
    ap.add_argument("--reply")
    ap.add_argument("--log")
    ap.add_argument("--ready-file")
    ap.add_argument("--delay", type=float, default=0.05)
    args = ap.parse_args()

    Config.mode = args.mode
    Config.log = args.log
    Config.delay = args.delay
    if args.reply:
        with open(args.reply, "rb") as f:
            Config.reply = f.read()

    server = Server(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]

    def stop(signum, frame):
        Config.stopping.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    if args.ready_file:
        tmp = args.ready_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, args.ready_file)

    server.serve_forever(poll_interval=0.1)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
