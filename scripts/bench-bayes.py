#!/usr/bin/env python3
"""bench-bayes.py: helpers of scripts/bench-bayes.sh (python3 stdlib only).

  bench-bayes.py spamc PORT JOBS DIR
      classify every *.eml of DIR with the real spamc -R against a
      loopback spamd, JOBS at a time; print "file<TAB>score<TAB>bayes"
      (bayes: the BAYES_nn rule SpamAssassin hit, or -).
  bench-bayes.py table RESDIR CORPUS COMMAND JOBS
      read the results bench-bayes.sh left in RESDIR and print the
      markdown table.
"""
import concurrent.futures
import datetime
import json
import os
import platform
import re
import subprocess
import sys

ADD_HEADER = 6.0
SA_REQUIRED = 5.0
HAM_GROUPS = ("easy-ham-2",)
SPAM_GROUPS = ("spam-2",)


def spamc_one(port, path):
    with open(path, "rb") as f:
        p = subprocess.run(["spamc", "-d", "127.0.0.1", "-p", str(port), "-R"],
                           stdin=f, capture_output=True, check=False)
    out = p.stdout.decode("utf-8", "replace")
    first = out.split("\n", 1)[0]
    m = re.match(r"\s*(-?[0-9.]+)/", first)
    score = m.group(1) if m else "nan"
    b = re.search(r"\bBAYES_(\d+)\b", out)
    return "%s\t%s\t%s" % (path, score, "BAYES_" + b.group(1) if b else "-")


def cmd_spamc(port, jobs, d):
    files = sorted(os.path.join(d, f) for f in os.listdir(d)
                   if f.endswith(".eml"))
    with concurrent.futures.ThreadPoolExecutor(int(jobs)) as ex:
        for line in ex.map(lambda f: spamc_one(port, f), files):
            print(line, flush=False)


def rspamc_rows(path):
    """rspamc --compact JSON lines -> (file, score, bayes verdict)."""
    rows = []
    if not os.path.exists(path):
        return rows
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if "default" in o and isinstance(o["default"], dict):
            o = dict(o, **o["default"])
        syms = o.get("symbols") or {}
        bayes = "-"
        for s in ("BAYES_SPAM", "BAYES_HAM"):
            if s in syms:
                bayes = s
        rows.append((o.get("filename", ""), float(o.get("score", 0) or 0),
                     bayes))
    return rows


def sa_rows(path):
    rows = []
    if not os.path.exists(path):
        return rows
    for line in open(path, encoding="utf-8", errors="replace"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3:
            continue
        try:
            score = float(parts[1])
        except ValueError:
            continue
        # BAYES_50 is "no opinion"; 00..40 lean ham, 60..999 spam.
        n = int(parts[2][6:]) if parts[2].startswith("BAYES_") else -1
        v = "-" if n < 0 or n == 50 else ("BAYES_SPAM" if n > 50
                                          else "BAYES_HAM")
        rows.append((parts[0], score, v))
    return rows


def count_eml(corpus, group):
    d = os.path.join(corpus, group)
    if not os.path.isdir(d):
        return 0
    return sum(1 for f in os.listdir(d) if f.endswith(".eml"))


def group_of(f):
    return os.path.basename(os.path.dirname(f))


def times(path):
    """phase -> (messages, ms, set of non-zero exit statuses)."""
    t = {}
    if not os.path.exists(path):
        return t
    for line in open(path):
        p = line.split()
        if len(p) != 4:
            continue
        n, ms, f = t.get(p[0], (0, 0, frozenset()))
        if p[3] != "0":
            f = f | {p[3]}
        t[p[0]] = (n + int(p[1]), ms + int(p[2]), f)
    return t


def pct(a, b):
    return "%.2f%%" % (100.0 * a / b) if b else "n/a"


def per_msg(t, phase):
    n, ms, fails = t.get(phase, (0, 0, frozenset()))
    if not n:
        return "n/a"
    s = "%.2f ms (%.0f/s)" % (ms / n, n * 1000.0 / ms if ms else 0)
    return s + ("; exit %s" % "/".join(sorted(fails)) if fails else "")


def learned_summary(resdir, engine):
    """How many training messages the engine actually learned, from the
    learn commands' own output."""
    p = os.path.join(resdir, engine + ".learn.log")
    if not os.path.exists(p):
        return ""
    txt = open(p, encoding="utf-8", errors="replace").read()
    if engine == "sa":
        got = re.findall(r"Learned tokens from (\d+) message\(s\) "
                         r"\((\d+) message\(s\) examined\)", txt)
        if not got:
            return ""
        return "learned %d of %d" % (sum(int(a) for a, _ in got),
                                     sum(int(b) for _, b in got))
    ok = len(re.findall(r"^success = true;", txt, re.M))
    errors = re.findall(r'^error = "(.*)";', txt, re.M)
    denied = sum(1 for e in errors if "learn conditions denied" in e)
    dup = sum(1 for e in errors if "already learned" in e)
    other = len(errors) - denied - dup
    parts = ["learned %d of %d" % (ok, ok + len(errors))]
    if denied:
        parts.append("%d skipped as already classified right" % denied)
    if dup:
        parts.append("%d refused as already learned (duplicates)" % dup)
    if other:
        parts.append("%d other learn errors" % other)
    return ", ".join(parts)


ENGINES = [
    ("ours", "this project, in-process (`rspamc --local`), SQLite", 6.0),
    ("ours-autolearn", "this project, in-process, SQLite, autolearn on "
     "(15 / -0.5) while classifying the test groups interleaved", 6.0),
    ("ours-redis", "this project, in-process, Redis store", 6.0),
    ("rspamd", "rspamd 3.4 + Bayes on Redis (default learn mode), "
     "suite config", 6.0),
    ("rspamd-corpus", "rspamd 3.4 + Bayes on Redis (default learn mode), "
     "agreement config", 6.0),
    ("sa", "SpamAssassin 4 + Bayes, -L, score >= 6", 6.0),
    ("sa", "SpamAssassin 4 + Bayes, -L, score >= 5.0 (its default)",
     SA_REQUIRED),
]


def cmd_table(resdir, corpus, command, jobs):
    now = datetime.datetime.now(datetime.timezone.utc)
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print("# Bayes benchmark, %s" % now.strftime("%Y-%m-%d %H:%M UTC"))
    print()
    print("Command: `%s`; %d CPUs (%s), %s; corpus: %s." %
          (command.strip(), os.cpu_count() or 0, cpu, platform.platform(),
           corpus))
    c = {g: count_eml(corpus, g) for g in
         ("easy-ham-1", "hard-ham-1", "spam-1", "easy-ham-2", "spam-2")}
    print("Train, in this order: easy-ham-1 (%d) and hard-ham-1 (%d) as ham, "
          "spam-1 (%d) as spam; test: easy-ham-2 (%d ham), spam-2 (%d spam). "
          % (c["easy-ham-1"], c["hard-ham-1"], c["spam-1"], c["easy-ham-2"],
             c["spam-2"]) +
          "Threshold: score >= %.0f (rspamd's add header) unless the row "
          "says otherwise. \"Bayes alone\": the share of test spam the "
          "engine's Bayes calls spam, and of test ham it calls spam "
          "(SpamAssassin: BAYES_60 and up)." % ADD_HEADER)
    print()
    print("| engine | spam >= threshold | ham >= threshold (FP) "
          "| Bayes alone: spam / ham called spam | learn, per message "
          "| classify, per message | notes |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for key, title, thr in ENGINES:
        if key == "sa":
            rows = sa_rows(os.path.join(resdir, "sa.tsv"))
        else:
            rows = rspamc_rows(os.path.join(resdir, key + ".jsonl"))
        if not rows:
            continue
        spam = [r for r in rows if group_of(r[0]) in SPAM_GROUPS]
        ham = [r for r in rows if group_of(r[0]) in HAM_GROUPS]
        t = times(os.path.join(resdir, key + ".time"))
        notes = []
        learned = learned_summary(resdir, key)
        if learned:
            notes.append(learned)
        if key in ("rspamd", "rspamd-corpus", "sa"):
            notes.append("classify: %s parallel" % jobs)
        else:
            notes.append("learns every message it is given (no skip); "
                         "classify: one process")
        missing = (c["spam-2"] - len(spam)) + (c["easy-ham-2"] - len(ham))
        if missing:
            notes.append("%d results missing" % missing)
        print("| %s | %s | %s | %s / %s | %s | %s | %s |" % (
            title,
            pct(sum(1 for r in spam if r[1] >= thr), len(spam)),
            pct(sum(1 for r in ham if r[1] >= thr), len(ham)),
            pct(sum(1 for r in spam if r[2] == "BAYES_SPAM"), len(spam)),
            pct(sum(1 for r in ham if r[2] == "BAYES_SPAM"), len(ham)),
            per_msg(t, "learn"), per_msg(t, "classify"),
            "; ".join(notes)))


def main(argv):
    if len(argv) == 5 and argv[1] == "spamc":
        cmd_spamc(argv[2], argv[3], argv[4])
        return 0
    if len(argv) == 6 and argv[1] == "table":
        cmd_table(argv[2], argv[3], argv[4], argv[5])
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
