#!/usr/bin/python3
"""Which component may include which: the layering table, its check and its graph.

Usage:
  layering_check.py check <source root>     every component's includes against the table
  layering_check.py graph                   the table as a Mermaid graph (docs/architecture.md)
  layering_check.py check-doc <markdown> [--targets <file>]
                                            the doc's generated graph block equals `graph`,
                                            and every target it names is in <file> (one a line)

Exit status: 0 clean, 1 a violation or a stale graph (one line each), 2 bad usage.

A component is a top-level folder. Each file in it belongs to one part:
  cli     a path segment `cli` (the component's `gauntlet` subcommands): app level;
  tests   a path segment `tests` or `fuzz` (tests and fuzz targets, never installed);
  library everything else (src/, include/, the bundled programs).
The top-level `cli/` folder is the app itself (the registry, main(), `gauntlet
demo`) and may include anything. An include is checked against the component
that owns the header: `#include "gauntlet/..."` resolves to the component whose
`gauntlet/` header folder holds it (e.g. `gauntlet/chaos/scenarios/builtin.h`
lives in fixtures/), a quoted path to the component it lands in (beside the
file, else from the source root: "chaos/tests/scratch_dir.h").
"""
import os
import re
import sys

# ---------------------------------------------------------------------------
# The table: what each component's libraries link (from its CMakeLists.txt).
# harness depends on nothing of ours.
LIBRARY_DEPENDENCIES = {
    "harness": [],
    "records": ["harness"],  # the records that pass between components
    "chaos": ["harness", "records"],
    "properties": ["harness", "records"],
    "ci": ["harness", "records"],
    "reports": ["harness", "records"],
    "fixtures": ["harness", "chaos", "properties"],  # bundled targets and the built-in scenarios
    "benchmarks": ["harness", "records", "chaos", "fixtures", "reports"],
}
# What a component's cli/ part links besides its own library and the app's
# registry (gauntlet/cli/): `gauntlet chaos list|run` runs the built-in scenarios.
CLI_DEPENDENCIES = {
    "chaos": ["fixtures"],
}
# What a component's tests link besides its library's dependencies and the app's
# registry (they run the component's subcommands in-process): only components
# that do not depend on it (`check` fails on a cycle).
TEST_DEPENDENCIES = {
    # real journals from the chaos runner for the chaos section, and real gate
    # results from the gate for the report-says-what-the-gate-said test
    "reports": ["chaos", "ci"],
    # the mutation check reads the property results the suites wrote
    "fixtures": ["records"],
}
APP = "cli"  # the top-level app folder: may include anything
# Top-level folders that hold no component: build trees, docs, CMake modules, and
# examples (consumer projects, built against the installed package).
NOT_COMPONENTS = {"build", "docs", "cmake", "examples"}
# ---------------------------------------------------------------------------

SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc", ".cxx")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def components():
    return sorted(set(LIBRARY_DEPENDENCIES) | {APP})


def part_of(relative_path):
    """'library', 'tests' or 'cli' for a path below its component's folder."""
    folders = relative_path.split("/")[1:-1]
    if "cli" in folders:
        return "cli"
    if "tests" in folders or "fuzz" in folders:
        return "tests"
    return "library"


def allowed(component, part):
    """The components `part` of `component` may include, or None for anything."""
    if component == APP:
        return None
    library = {component, *LIBRARY_DEPENDENCIES[component]}
    if part == "library":
        return library
    if part == "cli":
        return library | {APP, *CLI_DEPENDENCIES.get(component, [])}
    # Tests exercise the library and the cli/ part, with the test-only extras.
    return library | {APP, *TEST_DEPENDENCIES.get(component, [])}


def source_files(root):
    for component in components():
        top = os.path.join(root, component)
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def header_owners(root):
    """'gauntlet/...' include path -> owning component, for every header below a
    `gauntlet/` folder (include/gauntlet/..., cli/testing/gauntlet/...)."""
    owners = {}
    for path in source_files(root):
        marker = path.find("/gauntlet/")
        if marker >= 0:
            owners[path[marker + 1:]] = path.split("/")[0]
    return owners


def owner_of(include, including_file, root, owners):
    """(component, shown path) owning an include, or None when it is not ours."""
    if include.startswith("gauntlet/"):
        if include in owners:
            return owners[include], include
        # A header not in the tree: the component owning its folder's other headers.
        folder = include.rsplit("/", 1)[0] + "/"
        candidates = sorted({c for h, c in owners.items() if h.startswith(folder)})
        if len(candidates) == 1:
            return candidates[0], include
        namespace = include.split("/")[1]
        return (namespace, include) if namespace in components() else None
    # Quoted includes beside the file, else from the source root ("chaos/tests/scratch_dir.h").
    beside = os.path.normpath(os.path.join(root, os.path.dirname(including_file), include))
    target = beside if os.path.isfile(beside) else os.path.normpath(os.path.join(root, include))
    if not os.path.isfile(target):
        return None
    relative = os.path.relpath(target, root).replace(os.sep, "/")
    return (relative.split("/")[0], relative) if relative.split("/")[0] in components() else None


def violations(root):
    owners = header_owners(root)
    for path in source_files(root):
        component, part = path.split("/")[0], part_of(path)
        may = allowed(component, part)
        if may is None:
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as source:
            for number, line in enumerate(source, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                owner = owner_of(match.group(1), path, root, owners)
                if owner and owner[0] not in may:
                    where = component if part == "library" else f"{component}/{part}"
                    yield f"{path}:{number}: {where} must not include {owner[1]} (owned by {owner[0]})"


def unknown_components(root):
    for name in sorted(os.listdir(root)):
        if name.startswith(".") or name in NOT_COMPONENTS or name in components():
            continue
        if os.path.isfile(os.path.join(root, name, "CMakeLists.txt")):
            yield f"{name}/: a component missing from the layering table in {os.path.basename(__file__)}"


def edges():
    """(from, to, kind) for every dependency in the table; kind: library, cli, tests."""
    result = []
    for component, deps in sorted(LIBRARY_DEPENDENCIES.items()):
        result += [(component, dep, "library") for dep in deps]
    for component, deps in sorted(CLI_DEPENDENCIES.items()):
        result += [(f"{component}/cli", dep, "cli") for dep in deps]
    for component, deps in sorted(TEST_DEPENDENCIES.items()):
        result += [(f"{component}/tests", dep, "tests") for dep in deps]
    return result


def cycle():
    """A cycle among components, as a list, or None. A component's tests count
    as the component; its cli/ part does not (it is app level, like cli/)."""
    graph = {c: list(deps) for c, deps in LIBRARY_DEPENDENCIES.items()}
    for component, deps in TEST_DEPENDENCIES.items():
        graph[component] = graph[component] + list(deps)
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def mermaid():
    def node(name):
        return name.replace("/", "_") + (f'["{name}"]' if "/" in name else "")

    lines = ["```mermaid", "graph BT"]
    for source, target, kind in edges():
        arrow = "-->" if kind == "library" else f"-. {kind} .->"
        lines.append(f"  {node(source)} {arrow} {node(target)}")
    lines.append(f"  {APP}[\"{APP}/ (the app: may include anything)\"]")
    lines.append("```")
    return "\n".join(lines)


TARGET_NAME = re.compile(r"`(gauntlet(?:::|_)[A-Za-z0-9_]+)`")
INSTALLED_ONLY = {"gauntlet::gauntlet"}  # the `gauntlet` executable's exported name


GRAPH_BLOCK = re.compile(r"<!-- layering-graph: generated by (?:\S+) graph -->\n(```mermaid\n.*?\n```)", re.S)


def check_doc(markdown, targets_file=None):
    """The doc's graph block is `graph`'s output; with a list of the build
    tree's targets (one a line), every `gauntlet_x` / `gauntlet::x` it names is one."""
    with open(markdown, encoding="utf-8") as doc:
        text = doc.read()
    problems = []
    found = GRAPH_BLOCK.search(text)
    if not found:
        problems.append(f"{markdown}: no `<!-- layering-graph: generated by cmake/layering/layering_check.py graph -->` block")
    elif found.group(1) != mermaid():
        problems.append(f"{markdown}: the layering graph differs from `layering_check.py graph`; paste its output")
    if targets_file:
        with open(targets_file, encoding="utf-8") as listing:
            known = set(listing.read().split()) | INSTALLED_ONLY
        for number, line in enumerate(text.splitlines(), 1):
            for name in TARGET_NAME.findall(line):
                if name not in known:
                    problems.append(f"{markdown}:{number}: {name} is not a target of the build tree")
    return problems


def main(argv):
    usage = "usage: layering_check.py check <source root> | graph | check-doc <markdown> [--targets <file>]"
    if len(argv) == 2 and argv[0] == "check" and os.path.isdir(argv[1]):
        problems = list(unknown_components(argv[1])) + list(violations(argv[1]))
        loop = cycle()
        if loop:
            problems.append("layering table: dependency cycle " + " -> ".join(loop))
    elif len(argv) == 1 and argv[0] == "graph":
        print(mermaid())
        return 0
    elif argv[:1] == ["check-doc"] and len(argv) in (2, 4) and os.path.isfile(argv[1]) and (
            len(argv) == 2 or (argv[2] == "--targets" and os.path.isfile(argv[3]))):
        problems = check_doc(argv[1], argv[3] if len(argv) == 4 else None)
    else:
        print(f"layering_check.py: bad arguments {argv}; {usage}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
