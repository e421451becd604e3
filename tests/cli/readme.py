#!/usr/bin/env python3
"""The console blocks of a markdown file, run and compared (area-readme.sh).

A block fenced ```console holds commands, each on a line starting '$ '
(continued on the next lines while a line ends with a backslash), each
followed by its expected output (standard output and standard error
together) up to the next '$ ' line or the fence. Two placeholders, for
output too long to show whole:
    ...          a line of its own: any lines (none or more)
    TEXT ...     a line ending in ' ...': a line that starts with TEXT
Blocks fenced otherwise (```sh) are not run.

    readme.py script FILE OUTDIR    a shell script running every command in
                                    order, in one session (exports carry on),
                                    the output of the Nth in OUTDIR/N
    readme.py compare FILE OUTDIR   compares; prints each mismatch (with its
                                    line in FILE and a diff) on standard
                                    error, and 'PASSED FAILED' on standard
                                    output
    readme.py update FILE OUTDIR    rewrites the expected outputs in FILE with
                                    the actual ones, keeping the placeholders
                                    that still match; nothing else in FILE
                                    changes
"""

import difflib
import os
import sys

GAP = "..."
PREFIX = " ..."


def blocks(lines):
    """The console blocks: a list of (fence line index, commands), each
    command (first line index, command text, output start, output end),
    indexes into lines (without line ends)."""
    out = []
    i = 0
    while i < len(lines):
        fence = lines[i].strip()
        if not fence.startswith("```"):
            i += 1
            continue
        lang = fence[3:].strip()
        start = i
        i += 1
        body = []
        while i < len(lines) and lines[i].strip() != "```":
            body.append(i)
            i += 1
        if i >= len(lines):
            raise SystemExit("line %d: a block that never ends" % (start + 1))
        i += 1
        if lang != "console":
            continue
        cmds = []
        j = 0
        while j < len(body):
            k = body[j]
            if not lines[k].startswith("$ "):
                if not cmds:
                    raise SystemExit("line %d: output before any '$ ' "
                                     "command" % (k + 1))
                j += 1
                continue
            text = [lines[k][2:]]
            first = k
            while text[-1].endswith("\\") and j + 1 < len(body):
                j += 1
                text.append(lines[body[j]])
            j += 1
            ostart = body[j] if j < len(body) else body[-1] + 1
            m = j
            while m < len(body) and not lines[body[m]].startswith("$ "):
                m += 1
            oend = body[m] if m < len(body) else body[-1] + 1
            if m == j:
                oend = ostart
            cmds.append((first, "\n".join(text), ostart, oend))
            j = m
        if not cmds:
            raise SystemExit("line %d: a console block with no '$ ' command"
                             % (start + 1))
        out.append((start, cmds))
    return out


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def commands(lines):
    return [c for _, cmds in blocks(lines) for c in cmds]


def script(path, outdir):
    for n, (_, text, _, _) in enumerate(commands(read(path)), 1):
        print("{ %s\n} >'%s/%d' 2>&1 </dev/null" % (text, outdir, n))


def actual(outdir, n):
    with open(os.path.join(outdir, str(n)), encoding="utf-8",
              errors="replace") as f:
        got = f.read()
    if got.endswith("\n"):
        got = got[:-1]
    return got.split("\n") if got else []


def matches(pat, line):
    if pat.endswith(PREFIX) and pat != GAP:
        return line.startswith(pat[:-len(PREFIX)])
    return pat == line


def shorten(pat, line):
    """line, in place of pat: cut as pat was ('TEXT ...') when pat was, at
    the end of a word about as long as TEXT."""
    if not pat.endswith(PREFIX) or pat == GAP:
        return line
    n = len(pat) - len(PREFIX)
    while n < len(line) and line[n] != " ":
        n += 1
    if n >= len(line) or not line[:n].strip():
        return line
    return line[:n].rstrip() + PREFIX


def align(want, got):
    """The cheapest way to make want (a pattern) match got: keeping lines
    and placeholders that match (a gap takes any lines, at a small cost a
    line so that a line matched exactly is preferred), replacing a line,
    dropping one, adding one (cost 1 each). Returns (cost, new pattern)."""
    inf = float("inf")
    n, m = len(want), len(got)
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    move = [[None] * (m + 1) for _ in range(n + 1)]
    cost[n][m] = 0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if i == n and j == m:
                continue
            best, how = inf, None
            if i < n and want[i] == GAP:
                if cost[i + 1][j] < best:
                    best, how = cost[i + 1][j], "gap-end"
                if j < m and cost[i][j + 1] + 0.001 < best:
                    best, how = cost[i][j + 1] + 0.001, "gap-take"
            elif i < n and j < m and matches(want[i], got[j]):
                best, how = cost[i + 1][j + 1], "keep"
            if i < n and j < m and want[i] != GAP and \
                    cost[i + 1][j + 1] + 1 < best:
                best, how = cost[i + 1][j + 1] + 1, "replace"
            if i < n and want[i] != GAP and cost[i + 1][j] + 1 < best:
                best, how = cost[i + 1][j] + 1, "drop"
            if j < m and cost[i][j + 1] + 1 < best:
                best, how = cost[i][j + 1] + 1, "add"
            cost[i][j], move[i][j] = best, how
    new, i, j = [], 0, 0
    while (i, j) != (n, m):
        how = move[i][j]
        if how == "gap-end":
            if not new or new[-1] != GAP:
                new.append(GAP)
            i += 1
        elif how == "gap-take":
            j += 1
        elif how == "keep":
            new.append(want[i])
            i, j = i + 1, j + 1
        elif how == "replace":
            new.append(shorten(want[i], got[j]))
            i, j = i + 1, j + 1
        elif how == "drop":
            i += 1
        else:
            new.append(got[j])
            j += 1
    return cost[0][0], new


def compare(path, outdir, update):
    lines = read(path)
    name = os.path.relpath(path)
    passed = failed = 0
    edits = []
    for n, (first, text, ostart, oend) in enumerate(commands(lines), 1):
        want = lines[ostart:oend]
        try:
            got = actual(outdir, n)
        except FileNotFoundError:
            failed += 1
            sys.stderr.write("FAIL: %s:%d: $ %s: never ran (the shell "
                             "ended before it)\n"
                             % (name, first + 1, text.split("\n")[0]))
            continue
        cost, new = align(want, got)
        if cost < 1:    # gaps cost a little, an edit 1
            passed += 1
            continue
        if update:
            bad = [g for g in got if g.startswith("$ ") or
                   g.strip().startswith("```")]
            if bad:
                sys.stderr.write("FAIL: %s:%d: the output has a line that "
                                 "would end the block: %s\n"
                                 % (name, first + 1, bad[0]))
                failed += 1
                continue
            edits.append((ostart, oend, new))
            sys.stderr.write("updated: %s:%d: $ %s\n"
                             % (name, first + 1, text.split("\n")[0]))
            passed += 1
            continue
        failed += 1
        sys.stderr.write("FAIL: %s:%d: $ %s: the output differs "
                         "(- %s, + the command's)\n"
                         % (name, first + 1, text.split("\n")[0], name))
        for d in list(difflib.unified_diff(want, new if new != want else got,
                                           lineterm="", n=2))[2:]:
            sys.stderr.write("    %s\n" % d)
    if edits:
        for ostart, oend, new in reversed(edits):
            lines[ostart:oend] = new
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    print("%d %d" % (passed, failed))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("script", "compare",
                                                 "update"):
        sys.exit("usage: readme.py script|compare|update FILE OUTDIR")
    what, path, outdir = sys.argv[1:]
    if what == "script":
        script(path, outdir)
    else:
        compare(path, outdir, what == "update")


if __name__ == "__main__":
    main()
