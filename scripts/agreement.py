#!/usr/bin/env python3
"""scripts/agreement.py: the report of scripts/agreement.sh.

Reads the compact JSON results (one object a line, rspamc --compact, each
with "filename") of the real rspamd and of our scanner, and prints a
markdown report: per implemented symbol (any symbol our side ever emits,
plus those of --symbols FILE) the number of messages, how often both sides
agree (both fire or both stay silent), and how often the options agree when
both fire; the symbols rspamd emits that we do not implement; action
agreement and the mean absolute score difference.  stdlib only.
"""

import argparse
import datetime
import json
import sys

AIM = 99.0
FLOOR = 97.0


def load_results(path):
    """filename -> reply object; lines that are not JSON objects are skipped."""
    out = {}
    dec = json.JSONDecoder()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                obj, _ = dec.raw_decode(line)
            except ValueError:
                continue
            name = obj.get("filename")
            if isinstance(name, str):
                out[name] = obj
    return out


def symbols_of(reply):
    syms = reply.get("symbols")
    return syms if isinstance(syms, dict) else {}


def options_of(sym):
    opts = sym.get("options") if isinstance(sym, dict) else None
    return [str(o) for o in opts] if isinstance(opts, list) else []


def read_symbol_list(path):
    names = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                names.add(line)
    return names


def pct(part, whole):
    return 100.0 * part / whole if whole else 100.0


def fmt_pct(value):
    return "%.2f%%" % value


class SymbolStats:
    """Counters for one symbol over the messages both sides scanned."""

    def __init__(self):
        self.real = 0
        self.ours = 0
        self.agree = 0
        self.both = 0
        self.opts_set = 0
        self.opts_exact = 0
        self.diffs = []

    def add(self, fname, rsym, osym):
        rf, of = rsym is not None, osym is not None
        self.real += rf
        self.ours += of
        if rf == of:
            self.agree += 1
        else:
            self.diffs.append((fname, rsym, osym))
        if rf and of:
            self.both += 1
            ro, oo = options_of(rsym), options_of(osym)
            if ro == oo:
                self.opts_exact += 1
            if sorted(ro) == sorted(oo):
                self.opts_set += 1
            else:
                self.diffs.append((fname, rsym, osym))


def compare(real, ours, implemented, files):
    names = [f for f in files if f in real and f in ours]
    stats = {s: SymbolStats() for s in implemented}
    unimpl = {}
    actions = {}
    score_diff = 0.0
    score_big = 0
    for fname in names:
        rs, os_ = symbols_of(real[fname]), symbols_of(ours[fname])
        for s, st in stats.items():
            st.add(fname, rs.get(s), os_.get(s))
        for s in rs:
            if s not in implemented:
                unimpl[s] = unimpl.get(s, 0) + 1
        key = (str(real[fname].get("action")), str(ours[fname].get("action")))
        actions[key] = actions.get(key, 0) + 1
        d = abs(float(real[fname].get("score", 0) or 0) -
                float(ours[fname].get("score", 0) or 0))
        score_diff += d
        if d > 0.01:
            score_big += 1
    return names, stats, unimpl, actions, score_diff, score_big


def print_header(a, files, real, ours, names):
    now = datetime.datetime.now(datetime.timezone.utc)
    print("# %s" % (a.title or "Agreement: in-process scanner vs rspamd 3.4"))
    print()
    print("- Date: %s" % now.strftime("%Y-%m-%d %H:%M UTC"))
    print("- Command: `%s`" % a.command.strip())
    print("- Targets: %s" % ", ".join("`%s`" % t for t in a.target))
    print("- Reference: `/usr/bin/rspamc --compact` against a loopback "
          "rspamd 3.4 (tests/rspamd + tests/rspamd-corpus overlay)")
    print("- Ours: `%s`" % a.ours_cmd)
    print("- Messages: %d; scanned by both: %d; no result from rspamd: %d; "
          "no result from ours: %d" % (
              len(files), len(names),
              sum(1 for f in files if f not in real),
              sum(1 for f in files if f not in ours)))
    print()


def print_summary(stats, names, actions, score_diff, score_big):
    n = len(names)
    rates = [pct(st.agree, n) for st in stats.values()]
    agree_act = sum(c for (r, o), c in actions.items() if r == o)
    print("## Summary")
    print()
    print("- Implemented symbols compared: %d; agreement >= %g%%: %d; "
          "%g..%g%%: %d; below %g%%: %d" % (
              len(stats), AIM, sum(r >= AIM for r in rates),
              FLOOR, AIM, sum(FLOOR <= r < AIM for r in rates),
              FLOOR, sum(r < FLOOR for r in rates)))
    both = sum(st.both for st in stats.values())
    opts = sum(st.opts_set for st in stats.values())
    print("- Options agree when both fire: %d of %d (%s)" % (
        opts, both, fmt_pct(pct(opts, both))))
    print("- Action agreement: %d of %d (%s)" % (
        agree_act, n, fmt_pct(pct(agree_act, n))))
    print("- Mean |score difference|: %.3f; messages with |difference| "
          "> 0.01: %d (%s)" % (score_diff / n if n else 0.0, score_big,
                               fmt_pct(pct(score_big, n))))
    print()


def print_lists(real, ours, names):
    """The result's "urls" and "emails" lists: equal, and equal in order."""
    for key in ("urls", "emails"):
        same = ordered = 0
        for f in names:
            a, b = real[f].get(key, []), ours[f].get(key, [])
            same += sorted(a) == sorted(b)
            ordered += a == b
        print("- `%s` lists equal: %d of %d (%s); in the same order: %d" % (
            key, same, len(names), fmt_pct(pct(same, len(names))), ordered))
    print()


def print_symbols(stats, names):
    n = len(names)
    print("## Per implemented symbol")
    print()
    print("Agree = both fire or both stay silent. Options: when both fire, "
          "equal as lists (in any order); `exact` also in the same order. "
          "Rates below %g%% are in bold." % FLOOR)
    print()
    print("| symbol | messages | rspamd fires | ours fires | agree | agree % "
          "| both fire | options agree | options % | exact order |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    order = sorted(stats.items(), key=lambda kv: (-kv[1].real, -kv[1].ours,
                                                   kv[0]))
    for s, st in order:
        rate = pct(st.agree, n)
        rtxt = fmt_pct(rate)
        if rate < FLOOR:
            rtxt = "**%s**" % rtxt
        otxt = fmt_pct(pct(st.opts_set, st.both)) if st.both else "-"
        print("| %s | %d | %d | %d | %d | %s | %d | %d | %s | %d |" % (
            s, n, st.real, st.ours, st.agree, rtxt, st.both, st.opts_set,
            otxt, st.opts_exact))
    print()


def print_unimplemented(unimpl, n, top):
    print("## Symbols rspamd emits that we do not implement (top %d)" % top)
    print()
    if not unimpl:
        print("None.")
        print()
        return
    print("| symbol | messages | rate |")
    print("|---|---:|---:|")
    order = sorted(unimpl.items(), key=lambda kv: (-kv[1], kv[0]))
    for s, c in order[:top]:
        print("| %s | %d | %s |" % (s, c, fmt_pct(pct(c, n))))
    if len(order) > top:
        print()
        print("%d more: %s" % (len(order) - top,
                               ", ".join(s for s, _ in order[top:])))
    print()


def print_actions(actions):
    print("## Actions (rspamd -> ours)")
    print()
    print("| rspamd | ours | messages |")
    print("|---|---|---:|")
    for (r, o), c in sorted(actions.items(), key=lambda kv: -kv[1]):
        print("| %s | %s | %d |" % (r, o, c))
    print()


def print_missing(files, real, ours, top=20):
    for side, res in (("rspamd", real), ("ours", ours)):
        miss = [f for f in files if f not in res]
        if not miss:
            continue
        print("## No result from %s (%d)" % (side, len(miss)))
        print()
        for f in miss[:top]:
            print("- `%s`" % f)
        if len(miss) > top:
            print("- ... %d more" % (len(miss) - top))
        print()


def write_details(path, stats):
    def show(sym):
        if sym is None:
            return "-"
        return "%s %s" % (sym.get("score"), json.dumps(options_of(sym)))

    with open(path, "w", encoding="utf-8") as f:
        for s, st in sorted(stats.items()):
            if not st.diffs:
                continue
            f.write("== %s: %d differences\n" % (s, len(st.diffs)))
            for fname, r, o in st.diffs:
                f.write("%s\n  rspamd: %s\n  ours:   %s\n" % (
                    fname, show(r), show(o)))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--real", required=True)
    p.add_argument("--ours", required=True)
    p.add_argument("--files", help="the scanned files, one a line")
    p.add_argument("--symbols", help="more implemented symbols, one a line")
    p.add_argument("--details", help="write every disagreement here")
    p.add_argument("--command", default="scripts/agreement.sh")
    p.add_argument("--ours-cmd", default="rspamc --local")
    p.add_argument("--target", action="append", default=[])
    p.add_argument("--title", default="")
    p.add_argument("--top", type=int, default=20)
    a = p.parse_args()

    real, ours = load_results(a.real), load_results(a.ours)
    if a.files:
        with open(a.files, encoding="utf-8") as f:
            files = [line.rstrip("\n") for line in f if line.strip()]
    else:
        files = sorted(set(real) | set(ours))
    implemented = set()
    for reply in ours.values():
        implemented.update(symbols_of(reply))
    if a.symbols:
        implemented |= read_symbol_list(a.symbols)

    names, stats, unimpl, actions, sdiff, sbig = compare(
        real, ours, implemented, files)
    print_header(a, files, real, ours, names)
    if not names:
        print("No message was scanned by both sides.")
        return 1
    print_summary(stats, names, actions, sdiff, sbig)
    print_lists(real, ours, names)
    print_symbols(stats, names)
    print_unimplemented(unimpl, len(names), a.top)
    print_actions(actions)
    print_missing(files, real, ours)
    if a.details:
        write_details(a.details, stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
