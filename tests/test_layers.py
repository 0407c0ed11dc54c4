"""Imports point one way along the pipeline (see ../shared/style.md): a stage never imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

import site_builder

LAYERS = [
    {"errors", "memo", "progress"},
    {"parallel"},
    {"cache", "fetch"},
    {"yamldoc", "slugs", "markdown", "embeds", "features", "meaning"},
    {"noise"},
    {"chrome", "layout", "shapes"},
    {"sitechrome"},
    {"rules"},
    {"config"},
    {"model", "clustering"},
    {"frontmatter", "clean", "grouping", "clip", "feeds"},
    {"load", "theme", "views"},
    {"search"},
    {"prepare", "editions"},
    {"render"},
    {"write", "lock"},
    {"check", "publish"},
    {"gitbranch"},
    {"pipeline"},
    {"scaffold", "add"},
    {"devserver"},
    {"serve", "deploy"},
    {"cli"},
    {"__main__"},
]
RANK = {module: rank for rank, modules in enumerate(LAYERS) for module in modules}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("site_builder."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("site_builder.")}
    return names


def test_every_module_has_a_layer():
    modules = {p.stem for p in Path(site_builder.__file__).parent.glob("*.py")} - {"__init__"}
    assert modules <= set(RANK), f"add {sorted(modules - set(RANK))} to LAYERS"


def test_no_module_imports_a_later_stage():
    for path in sorted(Path(site_builder.__file__).parent.glob("*.py")):
        if path.stem == "__init__":
            continue
        later = {m for m in imported_modules(path) if RANK[m] >= RANK[path.stem]}
        assert not later, f"{path.name} imports {sorted(later)}, which come later in the pipeline"
