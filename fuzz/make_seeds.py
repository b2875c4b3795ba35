#!/usr/bin/env python3
"""Regenerates fuzz/seeds/<target>/ and fuzz/dict/*.dict from the repository.

Run from anywhere: python3 fuzz/make_seeds.py.  The seeds are committed (the corpus
folders are git-ignored); fuzz/run.sh copies them into fuzz/corpus/<target>/.
"""
import glob
import hashlib
import os
import re
import shutil

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
SPEC = os.path.join(ROOT, "docs", "language.md")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def blocks(text, lang):
    """Fenced ```lang code blocks (also indented ones inside rule docs)."""
    out = []
    for m in re.finditer(r"^([ \t]*)```" + lang + r"[ \t]*\n(.*?)^\1```", text, re.M | re.S):
        indent = m.group(1)
        lines = [l[len(indent):] if l.startswith(indent) else l for l in m.group(2).splitlines()]
        out.append("\n".join(lines) + "\n")
    return out


def rules_of(text):
    """Each top-level `rule … { … }` of a rule file, with and without its doc."""
    out = []
    for m in re.finditer(r"^rule .*?^\}\n", text, re.M | re.S):
        rule = m.group(0)
        out.append(rule)
        out.append(re.sub(r'[ \t]*doc """.*?"""\n', "", rule, flags=re.S))
    return out


def reset(target):
    d = os.path.join(FUZZ, "seeds", target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def put(d, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def short(data):
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:10]


spec = read(SPEC) if os.path.exists(SPEC) else ""
rule_files = sorted(glob.glob(os.path.join(ROOT, "rules", "*.rules")) +
                    glob.glob(os.path.join(ROOT, "rules", "examples", "*.rules")) +
                    glob.glob(os.path.join(ROOT, "tests", "data", "*.rules")))
term_files = sorted(glob.glob(os.path.join(ROOT, "contracts", "*.terms")) +
                    glob.glob(os.path.join(ROOT, "tests", "rules", "**", "*.terms"), recursive=True) +
                    glob.glob(os.path.join(ROOT, "tests", "data", "*.terms")))

# terms_parser: whole contracts and fixtures, and the `terms` examples of the spec and
# of the rule docs.
d = reset("terms_parser")
for path in term_files:
    put(d, os.path.relpath(path, ROOT), read(path))
for src in [spec] + [read(p) for p in rule_files]:
    for block in blocks(src, "terms"):
        put(d, "example-" + short(block) + ".terms", block)

# rules_compiler: whole rule files, each rule alone (with and without its doc), and
# the `rules` examples of the spec.
d = reset("rules_compiler")
small_rules = []
for path in rule_files:
    text = read(path)
    put(d, os.path.relpath(path, ROOT), text)
    for rule in rules_of(text):
        put(d, "rule-" + short(rule) + ".rules", rule)
        if 'doc """' not in rule:
            small_rules.append(rule)
for block in blocks(spec, "rules"):
    put(d, "spec-" + short(block) + ".rules", block)
    small_rules.append(block)
# Conditions past the expression depth limit (3,000 `not`s, `+`s, `*`s, brackets):
# the compiler must refuse them with a diagnostic, never overflow its stack.
for name, when in [("not", "not " * 3000 + "present(pricing)"),
                   ("sum", " + ".join(["pricing.base_fee"] * 3000) + " > 1 JPY / month"),
                   ("product", " * ".join(["2"] * 3000) + " > 1"),
                   ("brackets", "not (" * 100 + "present(pricing)" + ")" * 100)]:
    put(d, "deep-" + name + ".rules",
        "rule X1 deep {\n  severity info\n  when " + when + '\n  message "m"\n}\n')

# check_with_rules: RULES \0 CONTRACT.  Each doc-less rule beside a fixture, round
# robin; the example rule file beside each real contract; real contracts alone.
d = reset("check_with_rules")
fixtures = [read(p) for p in term_files]
for i, rule in enumerate(small_rules):
    contract = fixtures[i % len(fixtures)]
    data = rule + "\0" + contract
    put(d, "pair-" + short(data), data)
acme = read(os.path.join(ROOT, "rules", "examples", "acme.rules"))
for path in sorted(glob.glob(os.path.join(ROOT, "contracts", "*.terms"))):
    text = read(path)
    put(d, "acme-" + os.path.basename(path), acme + "\0" + text)
    put(d, "builtin-" + os.path.basename(path), text)

# Dictionaries: the grammars' literals, the schema's field names and rule functions.
def literals(path):
    words = set(re.findall(r'"((?:[^"\\]|\\.)+)"', read(path)))
    return {w for w in words if not re.search(r"[\s~|()*{}]", w) or w in "{}()*"}

terms_words = literals(os.path.join(ROOT, "grammar", "terms.pest"))
# The schema's field names and symbols, and the units.
terms_words |= set(re.findall(r'"([a-z_][a-z0-9_]*)"', "".join(
    read(p) for p in sorted(glob.glob(os.path.join(ROOT, "src", "schema", "*.rs")))
    + [os.path.join(ROOT, "src", "units.rs")])))
terms_words |= {"contract", "waiver", "TBD", "JPY", "USD", "EUR", "%", "/ month", "/ year",
                "/ call", "hours", "days", "months", "2026-01-01", "09:00-18:00", "1_000",
                "\"", "{", "}", ";", "\\u{", "\ufeff", "\n", "受注", "年",
                # units people write, read as the unit meant (docs/language.md, Units)
                "appointment", "sale", "lead", "order", "hrs", "¥", "時間"}
rules_words = literals(os.path.join(ROOT, "grammar", "rules.pest"))
rules_words |= set(re.findall(r'"([a-z_][a-z0-9_]*)"', "".join(
    read(p) for p in sorted(glob.glob(os.path.join(ROOT, "src", "rules", "compile", "*.rs"))))))
rules_words |= set(re.findall(r"\b([a-z_]+\.[a-z_.]+)\b", "".join(read(p) for p in rule_files)))
rules_words |= {"rule", "use builtin", "set", "severity", "category", "each", "when", "at",
                "message", "help", "ja", "doc", '"""', "{", "}", "(", ")", "[", "]", ",",
                "==", "!=", "<=", ">=", " in ", "and", "or", "not", "TL101", "{pricing.model}",
                "\\u{", "%", "/ year", "JPY", "TBD"}

def write_dict(name, words):
    os.makedirs(os.path.join(FUZZ, "dict"), exist_ok=True)
    with open(os.path.join(FUZZ, "dict", name), "w", encoding="utf-8") as f:
        for w in sorted(w for w in words if w and len(w) <= 40):
            esc = "".join(c if 0x20 <= ord(c) < 0x7f and c not in '"\\' else
                          ("\\" + c if c in '"\\' else
                           "".join("\\x%02x" % b for b in c.encode("utf-8"))) for c in w)
            f.write('"%s"\n' % esc)

write_dict("terms.dict", terms_words)
write_dict("rules.dict", rules_words | terms_words)

for target in ("terms_parser", "rules_compiler", "check_with_rules"):
    n = len(os.listdir(os.path.join(FUZZ, "seeds", target)))
    print(f"{target}: {n} seeds")
