#!/usr/bin/env python3
"""Checks the shape of the code: no two folders of the Propice target that use each other's
types (a folder cycle), and no function or initialiser over 80 lines in any target.

A folder uses another when one of its files names a top-level type the other declares. Prints each cycle with one file and name per direction, each long function
with its file, line and length; exits 1 when any is found.

    scripts/check_structure.py [Sources]
"""
import pathlib
import re
import sys

MAX_LINES = 80
# The targets whose folders form layers, one way.
LAYERED_TARGETS = ["Propice"]
DECLARATION = re.compile(r"^(?:public |internal |fileprivate |private |package |final |indirect |@\w+ )*"
                         r"(?:struct|enum|class|actor|protocol|typealias)\s+([A-Z]\w*)", re.M)
FUNCTION_START = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public |internal |fileprivate |private |package |static |final |"
                            r"override |mutating |nonisolated |convenience |required |@discardableResult )*"
                            r"(?:func\s+\S+?|init[?!]?|subscript)\s*[(<]")
IDENTIFIER = re.compile(r"\b[A-Z]\w*\b")
COMMENT = re.compile(r"//.*?$|/\*.*?\*/", re.S | re.M)
STRING = re.compile(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\\n])*"')


def code_of(path):
    text = path.read_text(encoding="utf-8")
    return STRING.sub('""', COMMENT.sub("", text))


def folders_of(target):
    """Each folder's files (the target's top-level files form the folder '.')."""
    folders = {}
    for path in sorted(target.rglob("*.swift")):
        folder = path.parent.relative_to(target).parts[0] if path.parent != target else "."
        folders.setdefault(folder, []).append(path)
    return folders


def cycles(target):
    folders = folders_of(target)
    declared = {}
    for folder, files in folders.items():
        for path in files:
            for name in DECLARATION.findall(code_of(path)):
                declared.setdefault(name, folder)
    uses = {}
    for folder, files in folders.items():
        for path in files:
            for name in set(IDENTIFIER.findall(code_of(path))):
                other = declared.get(name)
                if other and other != folder:
                    uses.setdefault((folder, other), (path.relative_to(target), name))
    found = []
    for (a, b), where in sorted(uses.items()):
        if a < b and (b, a) in uses:
            found.append((a, b, where, uses[(b, a)]))
    return found


def long_functions(target):
    found = []
    for path in sorted(target.rglob("*.swift")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if not FUNCTION_START.match(line):
                continue
            depth, opened, end = 0, False, number
            for end in range(number, len(lines)):
                stripped = STRING.sub('""', re.sub(r"//.*$", "", lines[end]))
                depth += stripped.count("{") - stripped.count("}")
                opened = opened or "{" in stripped
                if opened and depth <= 0:
                    break
                if not opened and end > number + 5:
                    break
            length = end - number + 1
            if opened and length > MAX_LINES:
                found.append((path, number + 1, length))
    return found


def main():
    sources = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Sources")
    failed = False
    for target in [sources / name for name in LAYERED_TARGETS]:
        for a, b, (file_a, name_a), (file_b, name_b) in cycles(target):
            failed = True
            print(f"{target.name}: {a} ↔ {b}: {file_a} uses {name_a}, {file_b} uses {name_b}")
    for path, line, length in long_functions(sources):
        failed = True
        print(f"{path}:{line}: a function of {length} lines (at most {MAX_LINES})")
    if not failed:
        print("no folder cycle, no function over", MAX_LINES, "lines")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
