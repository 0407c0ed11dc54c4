"""The catalogue of bad input: every kind of mistake or attack a curator's files may hold.

A case is a few files of a site (a good article and a site.yaml are added unless it gives its own);
the exact lines `site-builder build` must print for it are in fixtures/bad_input.txt, under the
case's name. tests/test_bad_input.py runs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from conftest import article

FIELDS = "title: T\ndate: 2025-07-12\nsource: S\n"
"""The required keys, on lines 2 to 4 of a file: a key after them stands on line 5."""
ARTICLE_TEMPLATE_START = '{% extends "base.html" %}\n{% block content %}\n<p>{{ article.title }}</p>\n'


def fenced(front: str, body: str = "Body.\n") -> str:
    return f"---\n{front}---\n{body}"


def laughs(levels: int) -> str:
    """A billion-laughs bomb under the key `lol`: each level an anchored list of nine aliases of the one
    before, 9**levels values in all."""
    lines = ["lol:", "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"  l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would wait for a writer forever."""


@dataclass(frozen=True)
class Link:
    """A symbolic link to ``target`` (relative to the link's folder, or absolute)."""

    target: str
    """Where the link points."""


@dataclass(frozen=True)
class Case:
    """One kind of bad input."""

    files: dict[str, object]
    """Files of the site: text, bytes, Fifo() or Link(target)."""
    site_wide: bool = False
    """The problem stops the build before the articles are read (site.yaml, theme, folders), so the case
    is run alone, never together with the others."""


def one(text: str | bytes | object) -> Case:
    """A case of one bad article file."""
    return Case({"content/x.md": text})


def dated(date: str) -> str:
    """An article whose only fault may be its date (on line 3, column 7)."""
    return fenced(f"title: T\ndate: {date}\nsource: S\n")


def site_yaml(text: str | bytes) -> Case:
    return Case({"site.yaml": text}, site_wide=True)


def template(ending: str) -> Case:
    """The site's own article template: three good lines, then ``ending``."""
    return Case({"templates/article.html": ARTICLE_TEMPLATE_START + ending}, site_wide=True)


CASES: dict[str, Case] = {
    # --- the shape of the file ---------------------------------------------------------------------
    "empty file": one(""),
    "no front matter": one("Just the text of a report.\n"),
    "front matter not on the first line": one("Intro\n---\n" + FIELDS + "---\nBody.\n"),
    "front matter never closed": one("---\n" + FIELDS + "Body.\n"),
    "empty front matter": one("---\n---\nBody.\n"),
    "a list instead of a mapping": one(fenced("- title\n- date\n")),
    "a single value instead of a mapping": one(fenced("just a sentence\n")),
    "tabs in the indentation": one(fenced(FIELDS + "tags:\n\t- a\n")),
    "a duplicate key": one(fenced(FIELDS + "title: Again\n")),
    "a key that is not a name": one(fenced("[a, b]: 1\n" + FIELDS)),
    "YAML nested too deeply": one(fenced(FIELDS + "deep: " + "[" * 5000 + "]" * 5000 + "\n")),
    "an unquoted colon in the title": one(fenced("title: Breaking: news\ndate: 2025-07-12\nsource: S\n")),
    "an unclosed quote": one(fenced(FIELDS + "summary: 'never closed\n")),
    # --- YAML used as a weapon ----------------------------------------------------------------------
    "a !!python/object tag": one(fenced(FIELDS + "x: !!python/object/apply:os.system ['touch pwned']\n")),
    "a custom !tag": one(fenced(FIELDS + "x: !custom 1\n")),
    "a billion laughs of aliases": one(fenced(FIELDS + laughs(9))),
    "an alias inside itself": one(fenced(FIELDS + "x: &a [1, *a]\n")),
    # --- bytes that are not text --------------------------------------------------------------------
    "a 10 MB file": one(fenced(FIELDS, "A sentence of the report.\n" * 400_000)),
    "a binary file": one(bytes(range(256)) * 4),
    "invalid UTF-8": one(fenced("title: Caf\u00e9\ndate: 2025-07-12\nsource: S\n").encode("latin-1")),
    "UTF-16 with a byte order mark": one(fenced(FIELDS).encode("utf-16")),
    "UTF-16 without a byte order mark": one(fenced(FIELDS).encode("utf-16-le")),
    "a NUL byte in the text": one(fenced(FIELDS, "Body\x00 text.\n")),
    "a control character in the text": one(fenced(FIELDS, "A bell \x07 rang.\n")),
    "a control character escaped in the title": one(fenced('title: "A\\x07B"\ndate: 2025-07-12\nsource: S\n')),
    "a noncharacter in the text": one(fenced(FIELDS, "Odd \ufffe text.\n")),
    # --- dates --------------------------------------------------------------------------------------
    "a date that does not exist": one(dated("2025-13-45")),
    "a date in words": one(dated("last Tuesday")),
    "a date as a number": one(dated("1752300000")),
    "a time zone offset that does not exist": one(dated("2025-07-12T09:30:00+25:00")),
    "a date far in the future": one(dated("2205-07-12")),
    "a date far in the past": one(dated("0202-07-12")),
    "a date at the end of the calendar": one(dated("9999-12-31T23:00:00-05:00")),
    "a time without a time zone": one(dated("2025-07-12T09:30:00")),
    # --- keys and values ----------------------------------------------------------------------------
    "a title of 10,000 characters": one(fenced(f"title: {'x' * 10_000}\ndate: 2025-07-12\nsource: S\n")),
    "an empty body": one(fenced(FIELDS, "")),
    "required keys missing": one(fenced("summary: S\n")),
    "a required key empty": one(fenced("title: '  '\ndate: 2025-07-12\nsource: S\n")),
    "a title that is a number": one(fenced("title: 1984\ndate: 2025-07-12\nsource: S\n")),
    "tags that are a number": one(fenced(FIELDS + "tags: 5\n")),
    "an author that is a mapping": one(fenced(FIELDS + "author: {name: Ani}\n")),
    "draft as quoted yes": one(fenced(FIELDS + 'draft: "yes"\n')),
    "a story that is a list": one(fenced(FIELDS + "story: [a, b]\n")),
    "an unknown language code": one(fenced(FIELDS + "lang: klingon\n")),
    "a javascript: url": one(fenced(FIELDS + "url: javascript:alert(1)\n")),
    "an image at an absolute path": one(fenced(FIELDS + "image: /etc/passwd\n")),
    "an unknown cleaning rule": one(fenced(FIELDS + "clean: {disable: [share-widget]}\n")),
    "an unknown key": one(fenced(FIELDS + "tittle: T\n")),
    # --- identities and paths -----------------------------------------------------------------------
    "a slug climbing out with ../": one(fenced(FIELDS + "slug: ../../etc\n")),
    "an absolute slug": one(fenced(FIELDS + "slug: /etc/passwd\n")),
    "a slug reserved on Windows": one(fenced(FIELDS + "slug: CON\n")),
    "a slug with trailing dots": one(fenced(FIELDS + "slug: report..\n")),
    "a slug empty once made safe": one(fenced(FIELDS + "slug: '!!!'\n")),
    "an id climbing out with ../": one(fenced(FIELDS + "id: ../outside\n")),
    "two files with one id": Case({"content/x.md": article("First", id="same"),
                                   "content/y.md": article("Second", id="same")}),
    "two files writing one page": Case({"content/x/a.md": article("First", slug="one-page"),
                                        "content/y/a.md": article("Second", slug="one-page")}),
    "a link out of the content folder": one(Link("/etc/passwd")),
    "a link to nothing": one(Link("missing.md")),
    "a loop of links": Case({"content/x.md": Link("y.md"), "content/y.md": Link("x.md")}),
    "a named pipe": one(Fifo()),
    "a file name that is not UTF-8": Case({b"content/caf\xe9.md".decode(errors="surrogateescape"): article("Cafe")}),
    "a line break in a file name": Case({"content/two\nlines.md": article("Two lines")}),
    # --- the site ------------------------------------------------------------------------------------
    "a template with a syntax error": template("{% if %}\n{% endblock %}\n"),
    "a template with an undefined variable": template("{{ article.no_such_field }}\n{% endblock %}\n"),
    "a template including a missing one": template('{% include "missing.html" %}\n{% endblock %}\n'),
    "an unknown theme": site_yaml("title: T\ntheme: nope\n"),
    "site.yaml that is not YAML": site_yaml("title: [unclosed\n"),
    "site.yaml that is a list": site_yaml("- title\n"),
    "site.yaml with an unknown time zone": site_yaml("timezone: Mars/Olympus\n"),
    "site.yaml with a relative base_url": site_yaml("base_url: /digest/\n"),
    "site.yaml with a page size of 0": site_yaml("page_size: 0\n"),
    "site.yaml with an invalid pattern": site_yaml("clean:\n  patterns:\n    '*': ['(unclosed']\n"),
    "site.yaml that is not UTF-8": site_yaml("title: Caf\u00e9\n".encode("latin-1")),
    "site.yaml with a control character": site_yaml("title: A\x1bB\n"),
    "site.yaml with an unknown key": site_yaml("titel: T\n"),
    "a missing content folder": site_yaml("content: nowhere\n"),
    "an output folder that is a file": Case({"site.yaml": "output: taken\n", "taken": "a file\n"}, site_wide=True),
    "an output folder holding the content": site_yaml("output: .\n"),
}
