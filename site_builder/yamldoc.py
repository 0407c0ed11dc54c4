"""YAML mappings that remember where each key stands, and typed readers that report problems there.

Front matter and ``site.yaml`` share this, so both give the same quality of errors:
``file:line:column: what is wrong; how to fix it``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import yaml

from site_builder.errors import ERROR, WARNING, Problem

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TAB_HINT = "indent with spaces, not tabs"
YAML_HINTS = (
    ("mapping values are not allowed", 'put values containing ": " in quotes'),
    ("tab character", TAB_HINT),
    ("found character '\\t'", TAB_HINT),
    ("could not find expected ':'", "write each entry as `key: value`"),
    ("found undefined tag", "remove the `!tag`; only plain YAML values are allowed"),
    ("could not determine a constructor", "remove the `!tag`; only plain YAML values are allowed"),
    ("found unexpected end of stream", "close the quote or bracket that was opened"),
    ("did not find expected ',' or", "close the quote or bracket that was opened"),
)
# Errors found only where the file ends are reported where the unclosed thing was opened.
OPENED_CONTEXTS = ("while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping")
DEFAULT_YAML_HINT = "check the YAML syntax at this point"


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML mapping with the line and column of each key and value."""

    path: str
    """File the mapping came from, for messages."""
    data: dict[str, Any]
    """The values, constructed with YAML's safe loader."""
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each key."""
    value_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value."""
    start: tuple[int, int] = (1, 1)
    """Where the mapping begins, used for problems about keys that are missing."""

    def problem(self, key: str | None, message: str, hint: str, severity: str = ERROR,
                at_value: bool = False) -> Problem:
        """A problem located at ``key`` (or its value), or at the start of the mapping."""
        positions = self.value_positions if at_value else self.key_positions
        line, column = positions.get(key, self.start) if key else self.start
        return Problem(self.path, line, column, message, hint, severity)


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, path: str, first_line: int, what: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    if err.context in OPENED_CONTEXTS and err.context_mark:
        mark = err.context_mark
    line, column = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
    reason = err.problem or err.context or "unreadable YAML"
    hint = hint_for_yaml_error(reason)
    if mark and _indented_with_tab(text, mark.line):
        hint = TAB_HINT
    return Problem(path, line, column, f"{what} is not valid YAML ({reason})", hint)


def _indented_with_tab(text: str, line_index: int) -> bool:
    lines = text.splitlines()
    line = lines[line_index] if line_index < len(lines) else ""
    return "\t" in line[: len(line) - len(line.lstrip())]


def decode_utf8(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Text of a file's bytes (a UTF-8 BOM is dropped); a bad byte is reported at its line and column."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data[:err.start].count(b"\n") + 1
        column = len(data[line_start:err.start].decode("utf-8", errors="replace")) + 1
        return None, [Problem(path, line, column, f"the file is not UTF-8 text (byte 0x{data[err.start]:02x})",
                              "save it with UTF-8 encoding")]


def hint_for_yaml_error(problem_text: str) -> str:
    for fragment, hint in YAML_HINTS:
        if fragment in problem_text:
            return hint
    return DEFAULT_YAML_HINT


def parse_yaml_mapping(text: str, path: str, first_line: int = 1,
                       what: str = "front matter") -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``text`` as a YAML mapping; ``first_line`` is the file line the text starts on."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return _construct_mapping(loader, node, path, first_line, what)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(err, text, path, first_line, what)]
    except yaml.YAMLError as err:
        return None, [Problem(path, first_line, 1, f"{what} is not valid YAML ({err})", DEFAULT_YAML_HINT)]
    except RecursionError:
        return None, [Problem(path, first_line, 1, f"{what} is nested too deeply to read",
                              "flatten the lists and mappings")]
    finally:
        loader.dispose()


def _position(node: yaml.Node, first_line: int) -> tuple[int, int]:
    return node.start_mark.line + first_line, node.start_mark.column + 1


def _construct_mapping(loader, node, path: str, first_line: int, what: str):
    start = (first_line, 1)
    if node is None:
        return YamlDoc(path, {}, start=start), []
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        line, column = _position(node, first_line)
        return None, [Problem(path, line, column, f"{what} must be a mapping of keys to values, not {kind}",
                              "write one `key: value` per line")]
    doc = YamlDoc(path, {}, start=start)
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key_position = _position(key_node, first_line)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, *key_position, "a key must be a plain name", "write `name: value`"))
            continue
        key = str(key_node.value)
        if key in doc.data:
            first = doc.key_positions[key][0]
            problems.append(Problem(path, *key_position, f"duplicate key '{key}' (first set on line {first})",
                                    "keep only one of them"))
            continue
        try:
            value = loader.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as err:
            if not _is_timestamp(value_node):
                problems.append(_value_problem(path, key, value_node, err, first_line))
                continue
            value = value_node.value  # an impossible date: the key's reader reports it as a date that does not parse
        doc.data[key] = value
        doc.key_positions[key] = key_position
        doc.value_positions[key] = _position(value_node, first_line)
    return doc, problems


def _is_timestamp(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp"


def _value_problem(path: str, key: str, node, err: Exception, first_line: int) -> Problem:
    line, column = _position(node, first_line)
    if isinstance(err, yaml.MarkedYAMLError):
        reason = err.problem or str(err)
        return Problem(path, line, column, f"'{key}' has a value YAML cannot read ({reason})",
                       hint_for_yaml_error(reason))
    return Problem(path, line, column, f"'{key}' has an impossible value {node.value!r} ({err})",
                   "correct the value, or put it in quotes if it is meant as text")


def read_text(doc: YamlDoc, key: str, problems: list[Problem], required: bool = False,
              default: str | None = None) -> str | None:
    """A non-empty string value; numbers are refused so that ``title: 1984`` is noticed, not guessed."""
    if key not in doc.data or doc.data[key] is None or doc.data[key] == "":
        if required:
            state = "is empty" if key in doc.data else "is missing"
            problems.append(doc.problem(key if key in doc.data else None,
                                        f"required key '{key}' {state}", f"add `{key}: ...`"))
        return default
    value = doc.data[key]
    if not isinstance(value, str):
        problems.append(doc.problem(key, f"'{key}' must be text, not {type_name(value)}",
                                    f"put the value in quotes: {key}: \"{value}\"", at_value=True))
        return default
    if not value.strip():
        hint = f"add `{key}: ...`" if required else f"give '{key}' a value or remove the line"
        problems.append(doc.problem(key, f"required key '{key}' is empty" if required else f"'{key}' is blank", hint))
        return default
    return value.strip()


def read_text_list(doc: YamlDoc, key: str, problems: list[Problem]) -> tuple[str, ...]:
    """One string, or a list of strings; anything else is reported."""
    value = doc.data.get(key)
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        problems.append(doc.problem(key, f"'{key}' must be text or a list of texts, not {type_name(value)}",
                                    f"write `{key}: [first, second]`", at_value=True))
        return ()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, str) or not item.strip():
            what = "empty" if isinstance(item, str) or item is None else type_name(item)
            problems.append(doc.problem(key, f"item {number} of '{key}' is {what}, not text",
                                        f"put it in quotes or remove it: `{key}: [first, second]`", at_value=True))
            return ()
    return tuple(dict.fromkeys(item.strip() for item in items))


def read_language(doc: YamlDoc, key: str, problems: list[Problem], default: str) -> str:
    """A BCP 47 language code ('en', 'pt-BR'); an unknown one is reported and ``default`` used."""
    value = read_text(doc, key, problems, default=default)
    import langcodes  # here, not at the top: its data would cost a build with nothing to do 60 ms
    if not langcodes.tag_is_valid(value):
        problems.append(doc.problem(key, f"unknown language code {value!r}",
                                    "use a BCP 47 code such as en, id, it or pt-BR", at_value=True))
        return default
    return value


def read_bool(doc: YamlDoc, key: str, problems: list[Problem], default: bool = False) -> bool:
    value = doc.data.get(key, default)
    if not isinstance(value, bool):
        problems.append(doc.problem(key, f"'{key}' must be true or false, not {value!r}",
                                    f"write `{key}: true` or `{key}: false`", at_value=True))
        return default
    return value


def read_positive_int(doc: YamlDoc, key: str, problems: list[Problem], default: int) -> int:
    value = doc.data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(doc.problem(key, f"'{key}' must be a whole number of at least 1, not {value!r}",
                                    f"write for example `{key}: {default}`", at_value=True))
        return default
    return value


def warn_unknown_keys(doc: YamlDoc, known: set[str], problems: list[Problem], hint: str,
                      label: str = "key", ignore: frozenset[str] = frozenset()) -> None:
    """Warn about keys nobody reads, suggesting the closest known one (typos are the usual cause).

    ``hint`` may name the key as ``{key}``."""
    for key in doc.data:
        if key in known or key in ignore:
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
        advice = f"did you mean '{close[0]}'?" if close else hint.format(key=key)
        problems.append(doc.problem(key, f"unknown {label} '{key}'", advice, severity=WARNING))


def type_name(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"
