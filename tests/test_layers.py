"""Imports point one way along the pipeline (see ../shared/style.md): a stage never imports a later one, nor
the speed layer (``incremental``)."""

from __future__ import annotations

import ast
from pathlib import Path

import site_builder

LAYERS = [
    {"errors", "digest", "incremental.memo", "progress"},
    {"incremental.parallel"},
    {"incremental.cache", "adding.fetch"},
    {"incremental.reuse", "incremental.compiled"},
    {"content.yamldoc", "content.slugs", "cleaning.markdown", "cleaning.embeds", "cleaning.lexicon", "cleaning.headings",
     "cleaning.phrasebook", "stories.features", "stories.meaning"},
    {"cleaning.noise"},
    {"cleaning.notices", "cleaning.fields", "cleaning.navigation"},
    {"cleaning.chrome", "cleaning.layout", "cleaning.shapes"},
    {"cleaning.sitechrome", "cleaning.dates", "cleaning.credits", "cleaning.residue", "cleaning.titles"},
    {"cleaning.rules"},
    {"settings"},
    {"config"},
    {"stories.items"},
    {"stories.index"},
    {"model", "stories.clustering"},
    {"incremental.rescoring"},
    {"content.frontmatter", "cleaning.clean", "stories.grouping", "adding.clip", "adding.feeds"},
    {"content.load", "rendering.theme", "rendering.views", "rendering.shortcuts", "incremental.regrouping"},
    {"rendering.search", "rendering.templates", "incremental.results"},
    {"incremental.collection"},
    {"incremental.prepare", "rendering.editions", "rendering.jsonfeed"},
    {"rendering.shown"},
    {"rendering.renderer", "incremental.helper"},
    {"rendering.parts"},
    {"rendering.render", "incremental.inputs"},
    {"writing.journal"},
    {"writing.write", "writing.lock", "incremental.background"},
    {"incremental.pages"},
    {"writing.check", "publishing.publish"},
    {"publishing.gitbranch"},
    {"pipeline"},
    {"scaffold", "adding.add"},
    {"serving.devserver"},
    {"serving.serve", "publishing.deploy"},
    {"arguments"},
    {"cli"},
    {"__main__"},
]
RANK = {module: rank for rank, modules in enumerate(LAYERS) for module in modules}


PACKAGE = Path(site_builder.__file__).parent


def modules() -> dict[str, Path]:
    """Every module of the package, subfolders included, by its dotted name under the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] != "__init__" and "__pycache__" not in parts:
            found[".".join(parts)] = path
    return found


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, in any form (`from site_builder import progress` too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "site_builder":
            base = node.module.removeprefix("site_builder").lstrip(".")
            names |= {name for alias in node.names
                      if (name := ".".join(filter(None, (base, alias.name)))) in known}
            if base and not (PACKAGE / base.replace(".", "/")).is_dir():  # a folder's modules are named above
                names.add(base)
        elif isinstance(node, ast.Import):
            names |= {a.name.removeprefix("site_builder.") for a in node.names if a.name.startswith("site_builder.")}
    return names


def test_every_module_has_a_layer_and_every_layer_a_module():
    found = set(modules())
    assert found <= set(RANK), f"add {sorted(found - set(RANK))} to LAYERS"
    assert set(RANK) <= found | {"__main__"}, f"LAYERS names modules that do not exist: {sorted(set(RANK) - found)}"


def test_no_module_imports_a_later_stage():
    known = set(modules())
    for name, path in modules().items():
        imported = imported_modules(path, known)
        assert imported <= known, f"{name} imports {sorted(imported - known)}, which are not modules of the package"
        later = {m for m in imported if RANK[m] >= RANK[name]}
        assert not later, f"{name} imports {sorted(later)}, which come later in the pipeline"


STAGES = ("content", "cleaning", "stories", "rendering", "writing")
"""The folders of the pipeline's stages, which the speed layer wraps from outside."""


def test_no_stage_imports_the_speed_layer():
    known = set(modules())
    assert {name.split(".")[0] for name in known} >= set(STAGES) | {"incremental"}, "a stage folder was renamed"
    for name, path in modules().items():
        if name.split(".")[0] in STAGES:
            speed = sorted(m for m in imported_modules(path, known) if m.split(".")[0] == "incremental")
            assert not speed, f"{name} imports {speed}: a stage is wrapped by the speed layer, it never calls it"


def test_the_cache_key_of_the_code_reads_every_module():
    from site_builder.incremental.inputs import package_sources

    read = {path.resolve() for path in package_sources()}
    assert set(path.resolve() for path in modules().values()) <= read
    assert {path.resolve() for path in PACKAGE.rglob("*.js")} <= read


MEMO_CALLS = {"recall", "keep", "keep_all", "while_same", "derived", "prune"}
"""The ways the speed layer's ``Memo`` is asked for what it keeps."""


def test_the_render_stage_calls_no_memo():
    """Render is a function of plain data: the last render's state comes in, its own goes out, and the speed
    layer keeps it between the builds of `serve`. No module of ``rendering`` declares a protocol for a memo
    to fill, nor calls one."""
    for name, path in modules().items():
        if name.startswith("rendering."):
            tree = ast.parse(path.read_text())
            protocols = [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                         and any(ast.unparse(base).endswith("Protocol") for base in node.bases)]
            assert not protocols, f"{name} declares {protocols}: a stage is given data, not an object to call"
            calls = sorted({node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
                            and isinstance(node.func, ast.Attribute) and node.func.attr in MEMO_CALLS})
            assert not calls, f"{name} calls {calls}: a stage is given the last render's state as data"


def test_the_shortcuts_of_a_render_are_plain_data():
    """What a render is given to skip work: values, a lookup of the files the last build left, and Jinja2's
    own cache of compiled templates; never an object that keeps results for it."""
    import types
    import typing
    from collections import abc

    import jinja2

    from site_builder.rendering import shortcuts

    def kinds(hint) -> set:
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            return set().union(*map(kinds, typing.get_args(hint)))
        return {typing.get_origin(hint) or hint}

    plain = {str, int, tuple, dict, frozenset, type(None), abc.Mapping, abc.Callable, shortcuts.RenderState,
             jinja2.BytecodeCache}
    for name, hint in typing.get_type_hints(shortcuts.Shortcuts, vars(shortcuts) | {"jinja2": jinja2}).items():
        assert kinds(hint) <= plain, f"Shortcuts.{name} is {hint}: a render is given plain data"
    from site_builder.model import Story

    for name, hint in typing.get_type_hints(shortcuts.RenderState, vars(shortcuts) | {"Story": Story}).items():
        assert kinds(hint) <= {dict, tuple}, f"RenderState.{name} is {hint}: the state a render leaves is data"
