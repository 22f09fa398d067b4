#!/usr/bin/env python3
"""Keeps the Swedish message catalogue (src/base/msg_sv.def) whole.

Usage: msg_sv_check.py SRCDIR FILE...

Every format string of styr_error(), styr_err_prefix() and styr_msg() in
the FILEs (the sources a web page shows messages from) that has words in
it must have a Swedish text in the catalogue; every catalogue entry must
have the conversions of its English in the same order, and be written
somewhere under SRCDIR/src (as a format or as a word passed to one).  Prints each problem as FILE:LINE: what, and
exits 1 when there is one.
"""
import os
import re
import sys

CONVERSION = re.compile(r"%[-+ #0]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp%]")
CALL = re.compile(r"\b(styr_error|styr_err_prefix|styr_msg)\s*\(")


def literals(src, i):
    """The concatenated string literals starting at src[i] (C source text,
    escapes kept), or None when the argument is not a literal."""
    parts = []
    while True:
        while i < len(src) and src[i] in " \t\r\n":
            i += 1
        if i >= len(src) or src[i] != '"':
            break
        j = i + 1
        while src[j] != '"':
            j += 2 if src[j] == "\\" else 1
        parts.append(src[i + 1:j])
        i = j + 1
    return "".join(parts) if parts else None


def formats(path):
    """(line, format) of each call in path whose format is a literal."""
    src = open(path, encoding="utf-8").read()
    for m in CALL.finditer(src):
        if src[m.start() - 1:m.start()] in ("_",) or src[m.end():m.end() + 1] == ")":
            continue
        want = 2 if m.group(1) == "styr_error" else 1
        i, depth, commas = m.end(), 0, 0
        while commas < want and i < len(src):
            c = src[i]
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif c == "," and depth == 0:
                commas += 1
            i += 1
        if commas < want:
            continue  # a declaration or a call with fewer arguments
        text = literals(src, i)
        if text is not None:
            yield src.count("\n", 0, m.start()) + 1, text


def literals_end(src, i):
    """The index after the string literals starting at src[i]."""
    while True:
        while src[i] in " \t\r\n":
            i += 1
        if src[i] != '"':
            return i
        j = i + 1
        while src[j] != '"':
            j += 2 if src[j] == "\\" else 1
        i = j + 1


def catalogue(path):
    """(line, English, Swedish) of each MSG(en, sv) in the catalogue."""
    src = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^MSG\(", src, re.M):
        i = literals_end(src, m.end())
        if src[i] != ",":
            sys.exit(f"{path}:{src.count(chr(10), 0, m.start()) + 1}: expected MSG(\"en\", \"sv\")")
        yield src.count("\n", 0, m.start()) + 1, literals(src, m.end()), literals(src, i + 1)


def words(fmt):
    return re.search(r"[A-Za-zÅÄÖåäö]", CONVERSION.sub("", fmt)) is not None


def main():
    srcdir, files = sys.argv[1], sys.argv[2:]
    cat_path = os.path.join(srcdir, "src/base/msg_sv.def")
    problems = []
    entries = {}
    for line, en, sv in catalogue(cat_path):
        if en in entries:
            problems.append(f"{cat_path}:{line}: \"{en}\" is in the catalogue twice")
        entries[en] = sv
        if CONVERSION.findall(en) != CONVERSION.findall(sv):
            problems.append(f"{cat_path}:{line}: the Swedish of \"{en}\" has the conversions "
                            f"{CONVERSION.findall(sv)}, expected {CONVERSION.findall(en)}")
    for f in files:
        for line, fmt in formats(os.path.join(srcdir, f)):
            if words(fmt) and fmt not in entries:
                problems.append(f"{f}:{line}: \"{fmt}\" has no Swedish in src/base/msg_sv.def")
    sources, used = [], set()
    for root, _, names in os.walk(os.path.join(srcdir, "src")):
        for n in names:
            if n.endswith(".c"):
                path = os.path.join(root, n)
                sources.append(open(path, encoding="utf-8").read())
                used.update(fmt for _, fmt in formats(path))
    for en in entries:
        if en not in used and not any('"' + en + '"' in text for text in sources):
            problems.append(f"{cat_path}: \"{en}\" is used nowhere: delete it")
    for p in problems:
        print(p)
    print(f"{len(entries)} messages in the catalogue, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
