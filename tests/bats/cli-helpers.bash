# tests/bats/cli-helpers.bash: helpers for the rspamc CLI suites (compat,
# cli, controller, parallel).  Load after helpers.bash:
#
#   load helpers
#   load cli-helpers
#
# Owns: running our rspamc and the real rspamc 3.4 side by side, masking
# what legitimately differs between two runs (timings, the server's hash
# order of symbols), the fake-log readers, and a tiny loopback forwarder
# (IPv6 ::1 or a unix socket -> the fake's 127.0.0.1 port), because the
# fake server itself only listens on 127.0.0.1.
#
# Nothing here talks to anything but 127.0.0.1 / ::1.

: "${RSPAMC:?RSPAMC must point at our rspamc binary}"
REAL_RSPAMC=${REAL_RSPAMC:-/usr/bin/rspamc}
: "${PYTHON:=python3}"

# ---------------------------------------------------------------------------
# Normalising outputs.
#
# normalise [--sort-blocks] < out > normalised
#
# Masks, in any output format (text, -j, --compact, --ucl, --mime):
#   - "Results for file|command: X (T seconds)" -> "(T seconds)";
#   - scan_time and time_real values (JSON and UCL);
#   - the option of DATE_IN_PAST (hours since the Date: header; it changes
#     on the hour, so two runs a second apart may differ);
#   - the profile data (rspamd profiles only some scans: it comes and goes);
#   - X-Spam-Scan-Time;
# and removes the server's hash order, which differs from one scan of the
# same message to the next (observed with the real rspamc against itself):
#   - the members of every "symbols" object (JSON, compact JSON, UCL) are
#     sorted, keeping their exact text;
#   - the names in a folded X-Spam-Symbols header are sorted;
#   - runs of "Symbol:" lines with the same score (ties of --sort score)
#     are sorted;
#   - X-Spam-Result is base64-decoded and the decoded reply normalised the
#     same way (it carries time_real and the symbols in hash order); an
#     empty continuation line after it is dropped (see decode_results).
# --sort-blocks also sorts whole "Results for file:" blocks (directory walks
# whose order is readdir order in rspamc 3.4 and sorted in ours).
# ---------------------------------------------------------------------------
_CLI_NORMALISE_PY=$(cat <<'PYEOF'
import base64, re, sys

def split_members(s, start):
    """s[start] is '{' or '['. Return (end, seps, members) where members are
    the top-level members' texts (stripped), and end is the index of the
    matching closer."""
    depth = 0
    i = start
    in_str = False
    members = []
    cur_start = start + 1
    while i < len(s):
        c = s[i]
        if in_str:
            if c == '\\':
                i += 2
                continue
            if c == '"':
                in_str = False
        else:
            if c == '"':
                in_str = True
            elif c in '{[':
                depth += 1
            elif c in '}]':
                depth -= 1
                if depth == 0:
                    members.append(s[cur_start:i])
                    return i, members
            elif c == ',' and depth == 1:
                members.append(s[cur_start:i])
                cur_start = i + 1
        i += 1
    return None, None

def sort_json_symbols(s):
    out = []
    pos = 0
    for m in re.finditer(r'"symbols"\s*:\s*\{', s):
        if m.start() < pos:
            continue
        brace = m.end() - 1
        end, members = split_members(s, brace)
        if end is None:
            continue
        members = [x for x in members if x.strip()]
        if not members:
            continue
        # keep the separator layout: leading whitespace of the first
        # member and the trailing whitespace of the last one
        first = members[0]
        lead = first[:len(first) - len(first.lstrip())]
        last = members[-1]
        trail = last[len(last.rstrip()):]
        body = sorted(x.strip() for x in members)
        out.append(s[pos:brace + 1])
        out.append(lead + (',' + lead).join(body) + trail)
        pos = end
    out.append(s[pos:])
    return ''.join(out)

def sort_ucl_symbols(s):
    lines = s.split('\n')
    res = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r'^(\s*)symbols \{$', line)
        if not m:
            res.append(line)
            i += 1
            continue
        ind = m.group(1)
        res.append(line)
        i += 1
        members = []
        cur = None
        while i < len(lines) and lines[i] != ind + '}':
            l = lines[i]
            starts = (l.startswith(ind + '    ') and
                      not l.startswith(ind + '     ') and
                      not l.startswith(ind + '    }'))
            if starts or cur is None:
                cur = [l]
                members.append(cur)
            else:
                cur.append(l)
            i += 1
        for mbr in sorted(members):
            res.extend(mbr)
    return '\n'.join(res)

def sort_score_ties(s):
    lines = s.split('\n')
    res = []
    i = 0
    pat = re.compile(r'^Symbol: \S+ \((-?[0-9.]+)\)')
    while i < len(lines):
        m = pat.match(lines[i])
        if not m:
            res.append(lines[i])
            i += 1
            continue
        j = i
        grp = []
        while j < len(lines):
            m2 = pat.match(lines[j])
            if not m2 or m2.group(1) != m.group(1):
                break
            grp.append(lines[j])
            j += 1
        res.extend(sorted(grp))
        i = j
    return '\n'.join(res)

def sort_xspam_symbols(s):
    # X-Spam-Symbols: A,<eol>\tB,<eol>\tC<eol>  (eol: \r\n, \n or \r)
    def fix(m):
        names = re.split(r',(?:\r\n|\n|\r)\t', m.group(2))
        eol = re.search(r',(\r\n|\n|\r)\t', m.group(2))
        sep = ',' + (eol.group(1) if eol else '\n') + '\t'
        return m.group(1) + sep.join(sorted(names))
    return re.sub(r'(X-Spam-Symbols: )((?:[^\r\n,]*,(?:\r\n|\n|\r)\t)*[^\r\n]*)',
                  fix, s)

def mask_profile(s):
    # rspamd fills "profile" only for the scans it chose to profile: two
    # scans of the same message may differ, so the content is dropped.
    s = re.sub(r'^\t[^\n]*: [^\n]* usec\n', '', s, flags=re.M)
    out, pos = [], 0
    for m in re.finditer(r'"profile"\s*:\s*\{', s):
        if m.start() < pos:
            continue
        end, members = split_members(s, m.end() - 1)
        if end is None:
            continue
        out.append(s[pos:m.end()] + 'P')
        pos = end
    out.append(s[pos:])
    s = ''.join(out)
    s = re.sub(r'^(\s*)profile \{(?:\}|\n(?:\1    [^\n]*\n)*\1\})', r'\1profile {P}', s,
               flags=re.M)
    return s

def mask(s):
    s = re.sub(r'^(Results for (?:file|command): .*) \([-0-9.e+]+ seconds\)$',
               r'\1 (T seconds)', s, flags=re.M)
    s = re.sub(r'("(?:scan_time|time_real)"\s*:\s*)-?[0-9.eE+-]+', r'\1T', s)
    s = re.sub(r'^(\s*(?:scan_time|time_real) = )[^;\n]+;', r'\1T;', s,
               flags=re.M)
    s = re.sub(r'(Symbol: DATE_IN_PAST \([-0-9.]+\))\[\d+\]', r'\1[N]', s)
    s = re.sub(r'(DATE_IN_PAST"?\s*:?\s*\{[^}]*?)"\d+"', r'\1"N"', s)
    s = mask_profile(s)
    s = re.sub(r'^(X-Spam-Scan-Time: )[^\r\n]*', r'\1T', s, flags=re.M)
    return s

def norm_reply(s):
    s = sort_json_symbols(s)
    s = sort_ucl_symbols(s)
    s = sort_score_ties(s)
    return mask(s)

def decode_results(s):
    def fix(m):
        b64 = re.sub(r'(?:\r\n|\n|\r)\t', '', m.group(2))
        try:
            dec = base64.b64decode(b64, validate=True).decode('utf-8', 'replace')
        except Exception:
            return m.group(0)
        return m.group(1) + '<decoded>\n' + norm_reply(dec) + '\n</decoded>'
    # rspamc 3.4 adds an empty continuation line (a lone TAB) when the
    # base64 text is a multiple of 60 characters long; the length depends
    # on time_real, so that line is dropped here and checked on its own
    # (compat.bats, with a fixed reply).
    return re.sub(r'(X-Spam-Result: )([A-Za-z0-9+/=]+(?:(?:\r\n|\n|\r)\t[A-Za-z0-9+/=]+)*)'
                  r'(?:(?:\r\n|\n|\r)\t(?=\r\n|\n|\r))?',
                  fix, s)

def sort_blocks(s):
    parts = re.split(r'(?m)^(?=Results for file: )', s)
    head, blocks = parts[0], parts[1:]
    return head + ''.join(sorted(blocks))

data = sys.stdin.buffer.read().decode('utf-8', 'surrogateescape')
data = decode_results(data)
data = sort_xspam_symbols(data)
data = norm_reply(data)
if '--sort-blocks' in sys.argv[1:]:
    data = sort_blocks(data)
sys.stdout.buffer.write(data.encode('utf-8', 'surrogateescape'))
PYEOF
)

normalise() {
	"$PYTHON" -c "$_CLI_NORMALISE_PY" "$@"
}

# ---------------------------------------------------------------------------
# Side-by-side runs.
#
# run_pair [--stdin FILE] [--norm-args ARGS] -- RSPAMC-ARGS...
#   Runs our rspamc and the real one with the same arguments (and the same
#   stdin, /dev/null by default), from the current directory.  Leaves in
#   $PAIR_DIR: ours.out ours.err ours.rc real.out real.err real.rc and the
#   normalised ours.norm real.norm.
# pair_same: fails (printing the command and a diff) unless the normalised
#   stdouts and the exit statuses are equal.
# ---------------------------------------------------------------------------
PAIR_SEQ=0

run_pair() {
	local stdin=/dev/null norm=()
	while [ $# -gt 0 ]; do
		case $1 in
		--stdin) stdin=$2; shift 2 ;;
		--sort-blocks) norm+=(--sort-blocks); shift ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	PAIR_SEQ=$((PAIR_SEQ + 1))
	PAIR_DIR="$BATS_TEST_TMPDIR/pair.$PAIR_SEQ"
	mkdir -p "$PAIR_DIR"
	PAIR_ARGS=("$@")
	printf '%q ' "$@" >"$PAIR_DIR/cmd"
	local rc=0
	timeout 60 "$RSPAMC" "$@" <"$stdin" >"$PAIR_DIR/ours.out" \
		2>"$PAIR_DIR/ours.err" || rc=$?
	echo $rc >"$PAIR_DIR/ours.rc"
	rc=0
	timeout 60 "$REAL_RSPAMC" "$@" <"$stdin" >"$PAIR_DIR/real.out" \
		2>"$PAIR_DIR/real.err" || rc=$?
	echo $rc >"$PAIR_DIR/real.rc"
	normalise "${norm[@]}" <"$PAIR_DIR/ours.out" >"$PAIR_DIR/ours.norm"
	normalise "${norm[@]}" <"$PAIR_DIR/real.out" >"$PAIR_DIR/real.norm"
}

# pair_diff: print why the last pair differs; returns 1 if it does.
pair_diff() {
	local bad=0
	if ! cmp -s "$PAIR_DIR/ours.norm" "$PAIR_DIR/real.norm"; then
		echo "### stdout differs for: rspamc $(cat "$PAIR_DIR/cmd")"
		echo "### (--- real rspamc 3.4, +++ ours; normalised)"
		diff -u "$PAIR_DIR/real.norm" "$PAIR_DIR/ours.norm" |
			head -n 60 | cat -A | sed 's/\$$//'
		bad=1
	fi
	if [ "$(cat "$PAIR_DIR/ours.rc")" != "$(cat "$PAIR_DIR/real.rc")" ]; then
		echo "### exit status differs for: rspamc $(cat "$PAIR_DIR/cmd"):" \
			"real $(cat "$PAIR_DIR/real.rc"), ours $(cat "$PAIR_DIR/ours.rc")"
		echo "### our stderr:"
		head -n 5 "$PAIR_DIR/ours.err"
		bad=1
	fi
	return $bad
}

pair_same() {
	pair_diff >&2 || return 1
}

# ---------------------------------------------------------------------------
# The fake server's request log (FAKE_LOG.N holds request N byte for byte).
# ---------------------------------------------------------------------------

# fake_request N: the raw bytes of request N (1-based).
fake_request() {
	cat "$FAKE_LOG.$1"
}

# fake_count: how many requests the fake has logged.
fake_count() {
	local n=0
	while [ -e "$FAKE_LOG.$((n + 1))" ]; do n=$((n + 1)); done
	echo "$n"
}

# fake_head N: request line and headers of request N, CRs removed.
fake_head() {
	"$PYTHON" - "$FAKE_LOG.$1" <<'EOF'
import sys
raw = open(sys.argv[1], 'rb').read()
i = raw.find(b'\r\n\r\n')
if i < 0:
    i = raw.find(b'\n\n')
head = raw[:i] if i >= 0 else raw
sys.stdout.buffer.write(head.replace(b'\r\n', b'\n') + b'\n')
EOF
}

# fake_body N: the body of request N (bytes after the empty line).
fake_body() {
	"$PYTHON" - "$FAKE_LOG.$1" <<'EOF'
import sys
raw = open(sys.argv[1], 'rb').read()
i = raw.find(b'\r\n\r\n')
sys.stdout.buffer.write(raw[i + 4:] if i >= 0 else b'')
EOF
}

# fake_header N NAME: the values of header NAME in request N, one a line,
# exactly as sent after "NAME:" (leading spaces kept, CR removed).
fake_header() {
	fake_head "$1" | tail -n +2 | "$PYTHON" -c '
import sys
name = sys.argv[1].lower()
for line in sys.stdin.read().split("\n"):
    if ":" in line:
        k, v = line.split(":", 1)
        if k.lower() == name:
            print(v)
' "$2"
}

# wait_fake_requests N: wait (up to 5 s) until N requests are logged.
wait_fake_requests() {
	local i
	for i in $(seq 100); do
		[ "$(fake_count)" -ge "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

# ---------------------------------------------------------------------------
# start_forwarder (--unix PATH | --ipv6 - | --tcp4 PORT) TARGET_PORT
#   A loopback TCP forwarder in front of the fake: listens on a unix socket,
#   on [::1]:ephemeral or on 127.0.0.1:PORT, and forwards every connection
#   to 127.0.0.1:TARGET.  Fails if it cannot listen.
#   Exports FWD_PORT (for --ipv6) and FWD_PID.  stop_forwarder stops it.
# ---------------------------------------------------------------------------
start_forwarder() {
	local kind=$1 where=$2 target=$3 ready
	ready="$BATS_TEST_TMPDIR/fwd.ready.$$"
	rm -f "$ready"
	"$PYTHON" - "$kind" "$where" "$target" "$ready" <<'EOF' &
import os, socket, sys, threading
kind, where, target, ready = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
try:
    if kind == '--unix':
        ls = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        ls.bind(where)
    elif kind == '--tcp4':
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.bind(('127.0.0.1', int(where)))
    else:
        ls = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        ls.bind(('::1', 0))
except OSError:
    with open(ready + '.tmp', 'w') as f:
        f.write('fail\n')
    os.rename(ready + '.tmp', ready)
    sys.exit(1)
port = ls.getsockname()[1] if kind != '--unix' else 0
ls.listen(16)
with open(ready + '.tmp', 'w') as f:
    f.write('%d\n' % port)
os.rename(ready + '.tmp', ready)

def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    try:
        b.shutdown(socket.SHUT_WR)
    except OSError:
        pass

def serve(c):
    u = socket.create_connection(('127.0.0.1', target))
    t = threading.Thread(target=pipe, args=(u, c), daemon=True)
    t.start()
    pipe(c, u)
    t.join()
    c.close()
    u.close()

while True:
    c, _ = ls.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
EOF
	FWD_PID=$!
	local i
	for i in $(seq 100); do
		[ -s "$ready" ] && break
		sleep 0.05
	done
	FWD_PORT=$(cat "$ready" 2>/dev/null)
	export FWD_PID FWD_PORT
	[ -n "$FWD_PORT" ] && [ "$FWD_PORT" != fail ]
}

stop_forwarder() {
	if [ -n "${FWD_PID:-}" ]; then
		kill "$FWD_PID" 2>/dev/null
		wait "$FWD_PID" 2>/dev/null
	fi
	FWD_PID=
	return 0
}
