#!/usr/bin/env python3
"""bayes-cv.py: k-fold cross-validation of the in-process Bayes classifier
on the TRAINING groups of the SpamAssassin corpus only (python3 stdlib).

  scripts/bayes-cv.py [--k 5] [--split kfold|time|time-back]
                      [--train-share 0.7] [--rspamc PATH] [--config FILE]
                      [CORPUS_DIR]

The training messages (easy-ham-1 and hard-ham-1 as ham, spam-1 as spam)
are split into k folds by a stable hash of the file name (SHA-1 of the
base name, mod k). For each fold, a fresh XDG_DATA_HOME learns the other
k-1 folds (rspamc --local learn_ham / learn_spam over a directory of
hard links or copies: the directory walk skips symbolic links) and classifies the held-out fold in one process
(rspamc --local --compact). The folds run in parallel.

Printed per fold and as the mean over folds: the share of held-out spam
scored at or above "add header" (6), the share of held-out ham at or
above it (false positives), and Bayes alone: the share of spam with
BAYES_SPAM and of ham with BAYES_SPAM (ham called spam), plus the hard-ham
false positives separately. --multiplier adds what the same run would
give with other multipliers than Rspamd's ((p - 0.5) * 2)^8 (or none).

--split time: instead of folds, one run that mimics the drift between
two periods with the training groups alone. Each group is ordered by
the time its collector received each message (the date of the first
Received header that has one; else the Date header; else the previous
message's time, in file-name order); the oldest 70% of each group
(--train-share) are learned and the newest 30% classified. --split
time-back learns the newest 70% and classifies the oldest 30% (the test
group spam-2 is mostly older mail than spam-1). The figures are of the
one run ("mean" is that run).

The test groups (easy-ham-2, spam-2) are never
read: they are the acceptance figure of scripts/bench-bayes.sh.
"""
import argparse
import concurrent.futures
import email.utils
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ADD_HEADER = 6.0
TRAIN = (("easy-ham-1", "ham"), ("hard-ham-1", "ham"), ("spam-1", "spam"))


def fold_of(name, k):
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % k


def messages(corpus, groups=TRAIN):
    out = []
    for group, cls in groups:
        d = os.path.join(corpus, group)
        for f in sorted(os.listdir(d)):
            if f.endswith(".eml"):
                out.append((os.path.join(d, f), group, cls))
    return out


def received_time(path):
    """The collector's receipt time of a message (POSIX seconds) or None:
    the first Received header with a date, else the Date header."""
    with open(path, "rb") as f:
        head = f.read(65536).decode("latin-1").replace("\r\n", "\n")
    head = re.sub(r"\n[ \t]+", " ", head.split("\n\n", 1)[0])
    lines = head.split("\n")
    cands = [l.rsplit(";", 1)[1] for l in lines
             if l.lower().startswith("received:") and ";" in l]
    cands += [l.split(":", 1)[1] for l in lines
              if l.lower().startswith("date:")]
    for c in cands:
        try:
            return email.utils.parsedate_to_datetime(c.strip()).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError,
                AttributeError):
            continue
    return None


def time_split(msgs, share, back):
    """(train, test): per group, the oldest `share` and the rest (or the
    newest `share` and the rest when back)."""
    train, test = [], []
    for group, _ in TRAIN:
        rows, last = [], 0.0
        for m in (m for m in msgs if m[1] == group):
            t = received_time(m[0])
            last = t if t is not None else last
            rows.append((last, m))
        rows.sort(key=lambda r: r[0])
        if back:
            rows.reverse()
        cut = int(round(len(rows) * share))
        train += [m for _, m in rows[:cut]]
        test += [m for _, m in rows[cut:]]
    return train, test


def link_dir(root, name, paths):
    d = os.path.join(root, name)
    os.makedirs(d)
    for p in paths:
        dst = os.path.join(d, os.path.basename(p))
        try:
            os.link(p, dst)
        except OSError:
            shutil.copyfile(p, dst)
    return d


def run_fold(args, msgs, i):
    if args.split == "kfold":
        train = [m for m in msgs
                 if fold_of(os.path.basename(m[0]), args.k) != i]
        test = [m for m in msgs
                if fold_of(os.path.basename(m[0]), args.k) == i]
    else:
        train, test = time_split(msgs, args.train_share,
                                 args.split == "time-back")
    return run_split(args, train, test)


def learn_and_scan(base, train, test, prefix="bayes-cv."):
    """Learn `train` (message tuples) into a fresh store, then classify
    `test` with `base` (rspamc --local [options]): the --compact JSON
    object of each message classified."""
    root = tempfile.mkdtemp(prefix=prefix)
    try:
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(root, "xdg"))
        for cls in ("ham", "spam"):
            d = link_dir(root, "train-" + cls, [m[0] for m in train if m[2] == cls])
            subprocess.run(base + ["learn_" + cls, d], env=env,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
        d = link_dir(root, "test", [m[0] for m in test])
        p = subprocess.run(base + ["--compact", d], env=env,
                           capture_output=True, check=False)
        return [json.loads(line)
                for line in p.stdout.decode("utf-8", "replace").splitlines()
                if line.startswith("{")]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_split(args, train, test):
    base = [args.rspamc, "--local"]
    if args.config:
        base += ["--config", args.config]
    want = {os.path.basename(m[0]): m for m in test}
    res = {}
    for o in learn_and_scan(base, train, test):
        syms = o.get("symbols") or {}
        name = os.path.basename(o.get("filename", ""))
        bsc = sum(float(syms[b].get("score", 0) or 0)
                  for b in ("BAYES_SPAM", "BAYES_HAM") if b in syms)
        res[name] = (float(o.get("score", 0) or 0),
                     "BAYES_SPAM" in syms, "BAYES_HAM" in syms, bsc)
    return [(want[n], res.get(n)) for n in want]


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def stats(rows):
    spam = [r for m, r in rows if m[2] == "spam"]
    ham = [r for m, r in rows if m[2] == "ham"]
    hard = [r for m, r in rows if m[1] == "hard-ham-1"]
    miss = sum(1 for m, r in rows if r is None)
    return {
        "spam": pct(sum(1 for r in spam if r and r[0] >= ADD_HEADER), len(spam)),
        "ham_fp": pct(sum(1 for r in ham if r and r[0] >= ADD_HEADER), len(ham)),
        "hard_fp": pct(sum(1 for r in hard if r and r[0] >= ADD_HEADER), len(hard)),
        "b_spam": pct(sum(1 for r in spam if r and r[1]), len(spam)),
        "b_ham_spam": pct(sum(1 for r in ham if r and r[1]), len(ham)),
        "n": len(rows), "missing": miss,
    }


def multiplier_sim(folds):
    """Re-score every held-out message with another Bayes multiplier:
    rules = score - Bayes score; |2p - 1| = (Bayes score / weight)^(1/8)
    (exact up to the 3 decimals of the score). Pooled over the folds."""
    variants = [("((p-0.5)*2)^%d" % e, (lambda q, e=e: q ** e))
                for e in (8, 4, 2, 1)]
    variants.append(("full weight (step)", lambda q: 1.0))
    print("multiplier                spam%>=6  hamFP%>=6  hardFP%  (pooled)")
    for name, fn in variants:
        n = {"spam": [0, 0], "ham": [0, 0], "hard": [0, 0]}
        for rows in folds:
            for m, r in rows:
                if not r:
                    continue
                score, bsc = r[0], r[3]
                w = 5.1 if bsc > 0 else 3.0
                q = (abs(bsc) / w) ** 0.125 if bsc else 0.0
                new = score - bsc + (w if bsc > 0 else -w) * fn(q) * (
                    1 if bsc else 0)
                keys = ["spam"] if m[2] == "spam" else ["ham"]
                if m[1] == "hard-ham-1":
                    keys.append("hard")
                for k in keys:
                    n[k][0] += new >= ADD_HEADER
                    n[k][1] += 1
        print("%-25s %8.2f  %9.2f  %7.2f" % (
            name, pct(*n["spam"]), pct(*n["ham"]), pct(*n["hard"])))


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--split", choices=("kfold", "time", "time-back"),
                    default="kfold")
    ap.add_argument("--train-share", type=float, default=0.7)
    ap.add_argument("--rspamc", default=os.environ.get(
        "RSPAMC", os.path.join(repo, "build/rspamc/rspamc")))
    ap.add_argument("--config")
    ap.add_argument("--label", default="")
    ap.add_argument("--dump", help="write file, group, score, Bayes "
                    "score (TSV) of every held-out message here")
    ap.add_argument("--multiplier", action="store_true",
                    help="also print the figures with other BAYES_* "
                    "multipliers, computed from the same run")
    ap.add_argument("corpus", nargs="?",
                    default=os.path.expanduser("~/.cache/rspamc-corpus"))
    args = ap.parse_args()
    msgs = messages(args.corpus)
    nfolds = args.k if args.split == "kfold" else 1
    with concurrent.futures.ThreadPoolExecutor(nfolds) as ex:
        folds = list(ex.map(lambda i: run_fold(args, msgs, i),
                            range(nfolds)))
    if args.dump:
        with open(args.dump, "w") as f:
            for rows in folds:
                for m, r in rows:
                    if r:
                        f.write("%s\t%s\t%.6f\t%.6f\n" % (
                            os.path.basename(m[0]), m[1], r[0], r[3]))
    keys = ("spam", "ham_fp", "hard_fp", "b_spam", "b_ham_spam")
    print("fold  n     spam%>=6  hamFP%>=6  hardFP%  bayes-spam%  bayes-ham-as-spam%")
    per = []
    for i, rows in enumerate(folds):
        s = stats(rows)
        per.append(s)
        print("%-5d %-5d %8.2f  %9.2f  %7.2f  %11.2f  %18.2f%s" % (
            i, s["n"], s["spam"], s["ham_fp"], s["hard_fp"], s["b_spam"],
            s["b_ham_spam"],
            "  (%d unclassified)" % s["missing"] if s["missing"] else ""))
    mean = {k: sum(s[k] for s in per) / len(per) for k in keys}
    print("mean        %8.2f  %9.2f  %7.2f  %11.2f  %18.2f" % tuple(
        mean[k] for k in keys))
    if args.multiplier:
        multiplier_sim(folds)
    if args.label:
        print("| %s | %.2f | %.2f | %.2f | %.2f | %.2f |" % ((args.label,) + tuple(
            mean[k] for k in keys)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
