"""YAML mappings that remember where each key stands, and typed readers that report problems there.

Front matter and ``site.yaml`` share this, so both give the same quality of errors:
``file:line:column: what is wrong; how to fix it``.
"""

from __future__ import annotations

import difflib
import re
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
    ("recursive node", "an alias (*name) cannot stand inside the value it names; write the value out"),
)
MAX_VALUES = 10_000
"""Values one key may hold once aliases are expanded: far above any real use, far below an alias bomb."""
# Errors found only where the file ends are reported where the unclosed thing was opened.
OPENED_CONTEXTS = ("while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping")
DEFAULT_YAML_HINT = "check the YAML syntax at this point"
NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
BMP_UNPRINTABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
UNPRINTABLE = re.compile(f"[{BMP_UNPRINTABLE}\U0001fffe-\U0010ffff](?<=[{BMP_UNPRINTABLE}{NONCHARACTERS}])")
"""Characters a page or a feed cannot carry: control characters (tab and line breaks aside), surrogates
and noncharacters. XML refuses most of them and HTML calls them errors; none is ever visible.

The re module looks up characters below U+10000 in a table but compares one by one with each of the 32
noncharacters beyond it, which made a search many times slower: so the class is a table lookup plus one
range, and only a character in that range is compared with the noncharacters (the lookbehind)."""
SUSPECT_BYTES = bytes([*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f, 0xc2, 0xed, 0xef, *range(0xf0, 0xf5)])
"""In UTF-8, every character UNPRINTABLE matches is one of these bytes or starts with one: C0 controls and
DEL stand as themselves, C1 controls start with C2, surrogates with ED, U+F000 to U+FFFF with EF and every
character beyond with F0 to F4."""
INNOCENT_BYTES = bytes(sorted(set(range(256)) - set(SUSPECT_BYTES)))
LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")


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
    refused: set[str] = field(default_factory=set)
    """Keys whose value was refused (and reported): readers leave them out without calling them missing."""

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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 1, 1, "the file is saved as UTF-16", "save it as UTF-8 text")]
    if b"\x00" in data:
        return None, [nul_problem(path, *_byte_position(data, data.index(b"\x00")))]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        return None, [Problem(path, *_byte_position(data, err.start), f"the file is not UTF-8 text (byte "
                              f"0x{data[err.start]:02x})", "save it with UTF-8 encoding")]


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    prefix = data[:index].decode("utf-8-sig", errors="replace")
    return position_in(prefix, len(prefix))


def nul_problem(path: str, line: int, column: int) -> Problem:
    return Problem(path, line, column, "the file contains NUL bytes, so it is binary or saved as UTF-16",
                   "save it as UTF-8 text")


def position_in(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting line breaks as YAML does (LF, CRLF, CR, and
    the Unicode line and paragraph separators)."""
    breaks = list(LINE_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, min(index, len(text)) - line_start + 1


def may_hold_unprintable(text: str) -> bool:
    """False when ``text`` certainly has no character UNPRINTABLE matches. Deleting the innocent bytes of
    its UTF-8 is much quicker than a search, and many clipped articles have no suspect byte at all
    (no-break spaces are the usual one)."""
    return bool(text.encode("utf-8", "surrogatepass").translate(None, INNOCENT_BYTES))


def without_unprintable(text: str) -> str:
    """``text`` without the characters a page cannot carry."""
    return UNPRINTABLE.sub("", text) if may_hold_unprintable(text) else text


def unprintable_problem(text: str, path: str) -> Problem | None:
    """The first character of ``text`` a page cannot carry, located; a NUL means the file is binary or
    UTF-16, which is said so."""
    found = UNPRINTABLE.search(text) if may_hold_unprintable(text) else None
    if not found:
        return None
    line, column = position_in(text, found.start())
    if found.group() == "\x00":
        return nul_problem(path, line, column)
    return Problem(path, line, column, f"the file contains the invisible character U+{ord(found.group()):04X}, "
                   "which web pages and feeds cannot carry", "delete it (it is at this line and column)")


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
        if "nesting depth" in str(err.problem):  # PyYAML 6.0.3 and later stop there, before Python's own limit
            return None, [_too_deep(path, first_line, what)]
        return None, [_syntax_problem(err, text, path, first_line, what)]
    except yaml.YAMLError as err:
        return None, [Problem(path, first_line, 1, f"{what} is not valid YAML ({err})", DEFAULT_YAML_HINT)]
    except RecursionError:
        return None, [_too_deep(path, first_line, what)]
    finally:
        loader.dispose()


def _too_deep(path: str, first_line: int, what: str) -> Problem:
    return Problem(path, first_line, 1, f"{what} is nested too deeply to read", "flatten the lists and mappings")


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
        value, problem = _read_value(loader, key, value_node, path, first_line)
        if problem:
            problems.append(problem)
            doc.refused.add(key)
            continue
        doc.data[key] = value
        doc.key_positions[key] = key_position
        doc.value_positions[key] = _position(value_node, first_line)
    return doc, problems


def _read_value(loader, key: str, node: yaml.Node, path: str, first_line: int) -> tuple[Any, Problem | None]:
    """The value of ``node``, or the problem that keeps it out: an alias bomb, a tag, an impossible value,
    a character no page can carry."""
    if _expanded_size(node, {}, set()) > MAX_VALUES:
        return None, Problem(path, *_position(node, first_line), f"'{key}' expands to more than {MAX_VALUES:,} "
                             "values through aliases (*name)", "write the values out instead of repeating aliases")
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as err:
        if not _is_timestamp(node):
            return None, _value_problem(path, key, node, err, first_line)
        value = node.value  # an impossible date: the key's reader reports it as a date that does not parse
    unprintable = _unprintable_in(value)
    if unprintable:
        return None, Problem(path, *_position(node, first_line), f"'{key}' contains the invisible character "
                             f"U+{ord(unprintable):04X}, which web pages and feeds cannot carry",
                             "remove the escape that stands for it")
    return value, None


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many values ``node`` stands for once every alias is expanded (an alias is the node it names,
    so each node is measured once)."""
    if id(node) in sizes or id(node) in open_nodes:
        return sizes.get(id(node), 0)  # a node inside itself is refused when constructed
    open_nodes.add(id(node))
    children = node.value if isinstance(node, yaml.SequenceNode) else \
        [child for pair in node.value for child in pair] if isinstance(node, yaml.MappingNode) else []
    sizes[id(node)] = 1 + sum(_expanded_size(child, sizes, open_nodes) for child in children)
    open_nodes.discard(id(node))
    return sizes[id(node)]


def _unprintable_in(value: Any) -> str | None:
    """The first character a page cannot carry in a value (only escapes can put one there)."""
    if isinstance(value, str):
        found = UNPRINTABLE.search(value)
        return found.group() if found else None
    items = value if isinstance(value, list) else [*value, *value.values()] if isinstance(value, dict) else []
    return next((found for found in map(_unprintable_in, items) if found), None)


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
        if required and key not in doc.refused:
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
    if not is_language_tag(value):
        problems.append(doc.problem(key, f"unknown language code {value!r}",
                                    "use a BCP 47 code such as en, id, it or pt-BR", at_value=True))
        return default
    return value


TWO_LETTER_LANGUAGES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw ja
ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na
nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq
sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())
"""The two-letter codes langcodes holds valid (tests/test_frontmatter.py checks it): the codes articles and
sites almost always carry, known without loading langcodes' data, which would slow every build."""


def is_language_tag(value: str) -> bool:
    """Whether ``value`` is a valid BCP 47 language tag."""
    if value in TWO_LETTER_LANGUAGES:
        return True
    import langcodes  # here, not at the top: see TWO_LETTER_LANGUAGES
    return langcodes.tag_is_valid(value)


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
