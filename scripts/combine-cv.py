#!/usr/bin/env python3
"""combine-cv.py: would a learned combination of the scanner's symbols
(as Rspamd's "neural" module learns one), with the Bayes output, reach
the add-header aim?  Cross-validation on the TRAINING groups of the
SpamAssassin corpus only (python3 stdlib, no numpy).

  scripts/combine-cv.py collect [--split kfold|time|time-back]
                        [--rspamc PATH] [--cache FILE] [CORPUS_DIR]
  scripts/combine-cv.py eval    [--split ...] [--cache FILE] [--mlp]
  scripts/combine-cv.py accept  --variant NAME [--rspamc PATH]
                        [--cache FILE] [CORPUS_DIR]

collect: the per-message symbols (rspamc --local --compact), each read
with a Bayes store that never learned that message:
  - "outer" rows: the held-out fold of bayes-cv.py's split (SHA-1 of the
    base name mod 5; or --split time / time-back: the newest / oldest 30%
    of each group), classified by a store learned from the rest (exactly
    bayes-cv.py's run: the rows the combiners are scored on);
  - "inner" rows, for the combiners' TRAINING: for each outer fold i and
    each other fold j (time splits: five hash folds j of the learned
    70%), fold j classified by a store learned from the training part of
    i minus fold j. So the Bayes output a combiner learns from is out of
    fold too (from a store of 3/5 of the data instead of 4/5: slightly
    less sure than at scoring time).
  The rspamc runs are one after another (one heavy process); results go
  to the cache (JSON) so eval can be re-run without rspamc.

eval: for each outer fold, each variant is trained on that fold's inner
rows and scored on its outer rows:
  a  today's score (baseline; must read as bayes-cv.py);
  b  today's score + NEURAL: a logistic regression over the rule symbols
     (binary, BAYES_* excluded), its output o = tanh(z/2) in (-1, 1)
     added as NEURAL_SPAM (W * o, o > 0) or NEURAL_HAM (W * o, o < 0),
     Rspamd's rule and Bayes scores kept (W = 3, Rspamd's documented
     sample weight, and W = 6); "rules+bayes": the regression also sees
     the Bayes output (as Rspamd's network sees BAYES_* among the
     symbols); "balanced": the two classes weighted equally (as Rspamd's
     learn_mode "balanced" keeps as many spam as ham vectors);
  c  the learned log-odds alone, score = 6 + z (rules+bayes or rules
     only);
  d  (--mlp) one hidden layer of 16 ReLU units over the same features
     as c, score = 6 + z.
--only NAME runs the variants whose name contains NAME; --l2 sets the
regressions' L2 penalty (default 1e-3).
Columns: spam % >= 6, ham FP % >= 6, hard-ham FP %, and the operating
point: spam % and ham FP % at the threshold chosen on the TRAINING rows
(the inner rows' out-of-fold scores: the lowest threshold letting at
most 0.2% of their ham through), then applied to the outer fold.  Means
over folds, as bayes-cv.py.

accept: ONE variant, chosen by cross-validation, scored on the test
groups once: the combiner learns the k-fold outer rows of all training
messages (their Bayes out of fold), the threshold from their nested
out-of-fold scores; the test groups are classified by a store learned
from all three training groups (as scripts/bench-bayes.sh does).
"""
import argparse
import json
import math
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
ADD_HEADER = 6.0
FP_BUDGET = 0.002
TRAIN = (("easy-ham-1", "ham"), ("hard-ham-1", "ham"), ("spam-1", "spam"))
TEST = (("easy-ham-2", "ham"), ("spam-2", "spam"))
BAYES = ("BAYES_SPAM", "BAYES_HAM")


def load_bayes_cv():
    import importlib.util
    p = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "bayes-cv.py")
    spec = importlib.util.spec_from_file_location("bayes_cv", p)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


bcv = load_bayes_cv()
messages = bcv.messages


def fold_of(name, k=5):
    return bcv.fold_of(name, k)


def scan(rspamc, train, test):
    """Learn `train`, classify `test` in a fresh store: {base name:
    {"score", "sym": {name: score}, "pb": Bayes probability or None}}."""
    res = {}
    for o in bcv.learn_and_scan([rspamc, "--local"], train, test,
                                prefix="combine-cv."):
        syms = o.get("symbols") or {}
        name = os.path.basename(o.get("filename", ""))
        pb = None
        for b in BAYES:
            if b in syms:
                opt = (syms[b].get("options") or [""])[0]
                mm = re.match(r"([\d.]+)%", opt)
                if mm:
                    pb = float(mm.group(1)) / 100.0
        res[name] = {
            "score": float(o.get("score", 0) or 0),
            "sym": {k: float(v.get("score", 0) or 0)
                    for k, v in syms.items()},
            "pb": pb,
        }
    return res


def outer_splits(msgs, split):
    """[(train, test)] of bayes-cv.py's split."""
    if split == "kfold":
        return [([m for m in msgs if fold_of(os.path.basename(m[0])) != i],
                 [m for m in msgs if fold_of(os.path.basename(m[0])) == i])
                for i in range(5)]
    train, test = bcv.time_split(msgs, 0.7, split == "time-back")
    return [(train, test)]


def collect(args):
    msgs = messages(args.corpus, TRAIN)
    cache = load_cache(args.cache)
    out = []
    for i, (train, test) in enumerate(outer_splits(msgs, args.split)):
        log("%s fold %d: outer (learn %d, classify %d)" % (
            args.split, i, len(train), len(test)))
        outer = scan(args.rspamc, train, test)
        inner = {}
        for j in range(5):
            it = [m for m in train if fold_of(os.path.basename(m[0])) != j]
            iv = [m for m in train if fold_of(os.path.basename(m[0])) == j]
            if not iv:
                continue
            log("  inner %d (learn %d, classify %d)" % (j, len(it), len(iv)))
            for n, r in scan(args.rspamc, it, iv).items():
                r["ifold"] = j
                inner[n] = r
        lab = {os.path.basename(m[0]): [m[1], m[2]] for m in msgs}
        out.append({"outer": outer, "inner": inner})
    cache[args.split] = {"folds": out, "labels": lab}
    save_cache(args.cache, cache)


def load_cache(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return {}


def save_cache(path, cache):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(cache, f)
    os.replace(tmp, path)


def log(s):
    print(s, file=sys.stderr, flush=True)


# ---- features and models ------------------------------------------------

def bayes_feats(r):
    """Bayes output as features: BAYES_SPAM and BAYES_HAM as shares of
    their weights (what the ^8 multiplier leaves), and the signed
    probability (2p - 1, 0 without a Bayes symbol)."""
    s = r["sym"]
    f = {}
    if "BAYES_SPAM" in s:
        f["~bs"] = s["BAYES_SPAM"] / 5.1
    if "BAYES_HAM" in s:
        f["~bh"] = -s["BAYES_HAM"] / 3.0
    if r.get("pb") is not None:
        q = 2.0 * r["pb"] - 1.0
        f["~q"] = q if "BAYES_SPAM" in s else -abs(q)
    return f


def feats(r, with_bayes):
    f = {k: 1.0 for k in r["sym"] if k not in BAYES}
    if with_bayes:
        f.update(bayes_feats(r))
    return f


def vocab(rows, min_count=2):
    c = {}
    for f, _ in rows:
        for k in f:
            c[k] = c.get(k, 0) + 1
    return {k: i for i, k in enumerate(sorted(k for k, n in c.items()
                                              if n >= min_count))}


def sparse(rows, voc):
    return [([(voc[k], v) for k, v in f.items() if k in voc], y)
            for f, y in rows]


def class_weights(rows, balanced):
    """Per-class gradient weights: 1, or (balanced, as Rspamd's
    learn_mode "balanced" keeps as many spam as ham vectors) the two
    classes weighted to count the same in all."""
    if not balanced:
        return {0: 1.0, 1: 1.0}
    n1 = sum(1 for _, y in rows if y == 1)
    n0 = len(rows) - n1
    return {0: len(rows) / (2.0 * n0), 1: len(rows) / (2.0 * n1)}


class LogReg:
    """L2-regularised logistic regression, Adagrad SGD (deterministic)."""

    L2 = 1e-3

    def __init__(self, l2=None, epochs=40, lr=0.3, seed=1, balanced=False):
        l2 = LogReg.L2 if l2 is None else l2
        self.l2, self.epochs, self.lr, self.seed = l2, epochs, lr, seed
        self.balanced = balanced

    def fit(self, rows):
        self.voc = vocab(rows)
        data = sparse(rows, self.voc)
        n = len(self.voc)
        w = [0.0] * (n + 1)
        g2 = [1e-8] * (n + 1)
        rnd = random.Random(self.seed)
        idx = list(range(len(data)))
        lam = self.l2
        cw = class_weights(rows, self.balanced)
        for _ in range(self.epochs):
            rnd.shuffle(idx)
            for t in idx:
                x, y = data[t]
                z = w[n] + sum(w[i] * v for i, v in x)
                p = 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))
                g = (p - y) * cw[y]
                g2[n] += g * g
                w[n] -= self.lr * g / math.sqrt(g2[n])
                for i, v in x:
                    gi = g * v + lam * w[i]
                    g2[i] += gi * gi
                    w[i] -= self.lr * gi / math.sqrt(g2[i])
        self.w = w
        return self

    def z(self, f):
        w, voc = self.w, self.voc
        return w[-1] + sum(w[voc[k]] * v for k, v in f.items() if k in voc)


class MLP:
    """One hidden layer of ReLU units, logistic output, SGD."""

    def __init__(self, hidden=16, epochs=30, lr=0.05, l2=1e-4, seed=1,
                 balanced=False):
        self.h, self.epochs, self.lr, self.l2, self.seed = (
            hidden, epochs, lr, l2, seed)
        self.balanced = balanced

    def fit(self, rows):
        self.voc = vocab(rows)
        data = sparse(rows, self.voc)
        n, h = len(self.voc), self.h
        rnd = random.Random(self.seed)
        sc = 1.0 / math.sqrt(8.0)
        W = [[rnd.gauss(0, sc) for _ in range(h)] for _ in range(n)]
        b = [0.0] * h
        V = [rnd.gauss(0, 1.0 / math.sqrt(h)) for _ in range(h)]
        c = 0.0
        idx = list(range(len(data)))
        cw = class_weights(rows, self.balanced)
        for ep in range(self.epochs):
            lr = self.lr / (1.0 + 0.1 * ep)
            rnd.shuffle(idx)
            for t in idx:
                x, y = data[t]
                a = b[:]
                for i, v in x:
                    Wi = W[i]
                    for k in range(h):
                        a[k] += Wi[k] * v
                hh = [ak if ak > 0 else 0.0 for ak in a]
                z = c + sum(V[k] * hh[k] for k in range(h))
                p = 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))
                g = (p - y) * cw[y]
                c -= lr * g
                gh = [g * V[k] if a[k] > 0 else 0.0 for k in range(h)]
                for k in range(h):
                    V[k] -= lr * (g * hh[k] + self.l2 * V[k])
                    b[k] -= lr * gh[k]
                for i, v in x:
                    Wi = W[i]
                    for k in range(h):
                        if gh[k]:
                            Wi[k] -= lr * (gh[k] * v + self.l2 * Wi[k])
        self.W, self.b, self.V, self.c = W, b, V, c
        return self

    def z(self, f):
        a = self.b[:]
        for k, v in f.items():
            i = self.voc.get(k)
            if i is None:
                continue
            Wi = self.W[i]
            for j in range(self.h):
                a[j] += Wi[j] * v
        return self.c + sum(self.V[j] * (a[j] if a[j] > 0 else 0.0)
                            for j in range(self.h))


def variants(mlp):
    """[(name, model factory or None, with_bayes, scorer(r, z))]."""
    import functools

    def neural(W):
        def f(r, z):
            return r["score"] + W * math.tanh(z / 2.0)
        return f

    def learned(r, z):
        return ADD_HEADER + z

    lr = LogReg
    bal = functools.partial(LogReg, balanced=True)
    v = [
        ("a baseline (today's score)", None, False, None),
        ("b NEURAL W=3, rules", lr, False, neural(3.0)),
        ("b NEURAL W=3, rules, balanced", bal, False, neural(3.0)),
        ("b NEURAL W=3, rules+bayes", lr, True, neural(3.0)),
        ("b NEURAL W=3, rules+bayes, balanced", bal, True, neural(3.0)),
        ("b NEURAL W=6, rules+bayes", lr, True, neural(6.0)),
        ("b NEURAL W=6, rules+bayes, balanced", bal, True, neural(6.0)),
        ("c learned, rules+bayes", lr, True, learned),
        ("c learned, rules+bayes, balanced", bal, True, learned),
        ("c learned, rules only, balanced", bal, False, learned),
    ]
    if mlp:
        v.append(("d MLP 16 ReLU, rules+bayes, balanced",
                  functools.partial(MLP, balanced=True), True, learned))
    return v


def threshold(ham_scores):
    """Lowest threshold (score >= t is spam) that lets at most FP_BUDGET
    of these ham scores through."""
    s = sorted(ham_scores, reverse=True)
    k = int(math.floor(FP_BUDGET * len(s)))
    if k >= len(s):
        return -1e9
    return s[k] + 1e-9


def fit_score(factory, with_bayes, scorer, train, test):
    """train/test: lists of (row, y). Returns the test scores."""
    if factory is None:
        return [r["score"] for r, _ in test]
    m = factory().fit([(feats(r, with_bayes), y) for r, y in train])
    return [scorer(r, m.z(feats(r, with_bayes))) for r, _ in test]


def train_threshold(factory, with_bayes, scorer, train, lab):
    """Thresholds from the training rows' out-of-fold scores (their own
    inner folds), so the operating point is never set on scored mail:
    (at most FP_BUDGET of all training ham, of the easy ham only)."""
    if factory is None:
        hs = [(r["score"], r["name"]) for r, y in train if y == 0]
    else:
        hs = []
        for j in sorted(set(r["ifold"] for r, _ in train)):
            tr = [(r, y) for r, y in train if r["ifold"] != j]
            te = [(r, y) for r, y in train if r["ifold"] == j]
            for (r, y), s in zip(te, fit_score(factory, with_bayes, scorer,
                                                tr, te)):
                if y == 0:
                    hs.append((s, r["name"]))
    return (threshold([s for s, _ in hs]),
            threshold([s for s, n in hs if lab[n][0].startswith("easy")]))


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def figures(rows, scores, tt):
    t, te = tt
    spam = [s for (r, g, c), s in zip(rows, scores) if c == "spam"]
    ham = [s for (r, g, c), s in zip(rows, scores) if c == "ham"]
    hard = [s for (r, g, c), s in zip(rows, scores) if g.startswith("hard")]
    easy = [s for (r, g, c), s in zip(rows, scores) if g.startswith("easy")]
    return {
        "easy": pct(sum(s >= ADD_HEADER for s in easy), len(easy)),
        "e_spam": pct(sum(s >= te for s in spam), len(spam)),
        "e_easy": pct(sum(s >= te for s in easy), len(easy)),
        "e_hard": pct(sum(s >= te for s in hard), len(hard)),
        "spam": pct(sum(s >= ADD_HEADER for s in spam), len(spam)),
        "ham": pct(sum(s >= ADD_HEADER for s in ham), len(ham)),
        "hard": pct(sum(s >= ADD_HEADER for s in hard), len(hard)),
        "op_spam": pct(sum(s >= t for s in spam), len(spam)),
        "op_ham": pct(sum(s >= t for s in ham), len(ham)),
        "op_hard": pct(sum(s >= t for s in hard), len(hard)),
        "n_spam": len(spam), "n_ham": len(ham),
        "miss_spam": sum(s < t for s in spam),
        "fp": sum(s >= t for s in ham),
    }


KEYS = ("spam", "ham", "easy", "hard", "op_spam", "op_ham", "op_hard",
        "e_spam", "e_easy", "e_hard")


def evaluate(args):
    cache = load_cache(args.cache)
    if args.split not in cache:
        sys.exit("no %s rows in %s: run collect first" % (args.split,
                                                          args.cache))
    c = cache[args.split]
    lab = c["labels"]
    print("split %s, %d fold(s); threshold for the operating point: at "
          "most %.1f%% of the training rows' ham" % (
              args.split, len(c["folds"]), 100 * FP_BUDGET))
    print("| variant | spam % >= 6 | ham FP % >= 6 | easy-ham FP % >= 6 | "
          "hard-ham FP % >= 6 | t(all ham): spam % | ham FP % | hard FP % "
          "| t(easy ham): spam % | easy FP % | hard FP % |")
    print("|---|" + "---:|" * 10)
    LogReg.L2 = args.l2
    ranks = []
    for name, fac, wb, sc in variants(args.mlp):
        if args.only and args.only not in name:
            continue
        per, pooled = [], []
        for fo in c["folds"]:
            train = [(dict(r, name=n), 1 if lab[n][1] == "spam" else 0)
                     for n, r in sorted(fo["inner"].items())]
            names = sorted(fo["outer"])
            test = [(fo["outer"][n], 0) for n in names]
            t = train_threshold(fac, wb, sc, train, lab)
            s = fit_score(fac, wb, sc, train, test)
            rows = [(fo["outer"][n], lab[n][0], lab[n][1]) for n in names]
            f = figures(rows, s, t)
            f["t"] = t
            per.append(f)
            pooled += [(sc_, g, cl) for sc_, (_, g, cl) in zip(s, rows)]
        mean = {k: sum(f[k] for f in per) / len(per) for k in KEYS}
        print("| %s |" % name + " %.2f |" * 10 % (
            tuple(mean[k] for k in KEYS)), flush=True)
        ranks.append((name, best_at_budget(pooled, "easy"),
                      best_at_budget(pooled, "")))
        log("  %s: thresholds %s; per fold FP/missed %s" % (
            name, ", ".join("%.2f/%.2f" % f["t"] for f in per),
            ", ".join("%d/%d" % (f["fp"], f["miss_spam"]) for f in per)))
    print("\nA posteriori (threshold on the held-out rows themselves, "
          "pooled): spam % at <= 0.2% of the held-out easy ham / of all "
          "held-out ham")
    print("| variant | spam % at 0.2% easy-ham FP | spam % at 0.2% ham FP |")
    print("|---|---:|---:|")
    for name, e, a in ranks:
        print("| %s | %.2f | %.2f |" % (name, e, a))


def best_at_budget(pooled, prefix):
    """A posteriori (threshold set on the scored rows themselves, pooled
    over the folds): spam % at the lowest threshold letting at most
    FP_BUDGET of the held-out ham whose group starts with prefix
    through.  An upper bound on what any threshold could do."""
    t = threshold([s for s, g, c in pooled
                   if c == "ham" and g.startswith(prefix)])
    spam = [s for s, g, c in pooled if c == "spam"]
    return pct(sum(s >= t for s in spam), len(spam))


def accept(args):
    cache = load_cache(args.cache)
    if "kfold" not in cache:
        sys.exit("run collect --split kfold first")
    c = cache["kfold"]
    lab = c["labels"]
    v = [x for x in variants(True) if x[0] == args.variant]
    if not v:
        sys.exit("no variant %r" % args.variant)
    name, fac, wb, sc = v[0]
    train = []
    for i, fo in enumerate(c["folds"]):
        for n, r in sorted(fo["outer"].items()):
            r = dict(r, ifold=i, name=n)
            train.append((r, 1 if lab[n][1] == "spam" else 0))
    if "accept" not in cache:
        log("classifying the test groups (store: all training groups)")
        res = scan(args.rspamc, messages(args.corpus, TRAIN),
                   messages(args.corpus, TEST))
        tl = {os.path.basename(m[0]): [m[1], m[2]]
              for m in messages(args.corpus, TEST)}
        cache["accept"] = {"rows": res, "labels": tl}
        save_cache(args.cache, cache)
    a = cache["accept"]
    names = sorted(a["rows"])
    test = [(a["rows"][n], 0) for n in names]
    rows = [(a["rows"][n], a["labels"][n][0], a["labels"][n][1])
            for n in names]
    for nm, fc, w, s_ in [variants(False)[0], (name, fac, wb, sc)]:
        tt = train_threshold(fc, w, s_, train, lab)
        s = fit_score(fc, w, s_, train, test)
        f = figures(rows, s, tt)
        print("%s: spam-2 >= 6 %.2f%%, easy-ham-2 >= 6 %.2f%%; at t "
              "from all training ham (%.3f): spam %.2f%% (%d of %d "
              "missed), ham %.2f%% (%d of %d); at t from the easy "
              "training ham (%.3f): spam %.2f%%, ham %.2f%%" % (
                  nm, f["spam"], f["ham"], tt[0], f["op_spam"],
                  f["miss_spam"], f["n_spam"], f["op_ham"], f["fp"],
                  f["n_ham"], tt[1], f["e_spam"], f["e_easy"]))


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=("collect", "eval", "accept"))
    ap.add_argument("--split", choices=("kfold", "time", "time-back"),
                    default="kfold")
    ap.add_argument("--rspamc", default=os.environ.get(
        "RSPAMC", os.path.join(repo, "build/rspamc/rspamc")))
    ap.add_argument("--cache", default="combine-cv.json")
    ap.add_argument("--mlp", action="store_true")
    ap.add_argument("--only", help="eval: the variants whose name "
                    "contains this string")
    ap.add_argument("--l2", type=float, default=1e-3,
                    help="L2 penalty of the logistic regressions")
    ap.add_argument("--variant")
    ap.add_argument("corpus", nargs="?",
                    default=os.path.expanduser("~/.cache/rspamc-corpus"))
    args = ap.parse_args()
    {"collect": collect, "eval": evaluate, "accept": accept}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
