"""The write stage: the only writer of the output folder."""

from __future__ import annotations

import pytest

from site_builder.errors import BuildFailed, SiteBuilderError
from site_builder.model import OutputFile
from site_builder.writing.write import Transaction, WriteReport, check_output_folder


def write_output(files: list[OutputFile], output_dir) -> WriteReport:
    """The write stage as a build runs it: files added as they are made, then committed."""
    transaction = Transaction(output_dir)
    for output in files:
        transaction.add(output)
    return transaction.commit()


def files(**contents: str) -> list[OutputFile]:
    return [OutputFile(path.replace("__", "/").replace("_", "."), text.encode(), f"test {path}")
            for path, text in contents.items()]


def test_unchanged_files_are_not_rewritten_and_gone_files_are_removed(tmp_path):
    first = write_output(files(index_html="home", a__index_html="a", b__index_html="b"), tmp_path)
    second = write_output(files(index_html="home", a__index_html="a2"), tmp_path)
    assert (first.written, second.written, second.unchanged, second.removed) == (3, 1, 1, 1)
    assert (tmp_path / "a/index.html").read_text() == "a2" and not (tmp_path / "b").exists()


def test_a_folder_the_output_lacks_moves_in_whole_and_others_file_by_file(tmp_path, monkeypatch):
    import os

    renames: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace",
                        lambda source, target: renames.append(str(target)) or real_replace(source, target))
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "notes.txt").write_text("the curator's")
    first = files(index_html="home", stories__a__index_html="a", stories__b__index_html="b",
                  tags__x__index_html="x", tags__y__page__2__index_html="y2")
    write_output(first, tmp_path)
    moved = sorted(os.path.relpath(target, tmp_path) for target in renames if "staging" not in target)
    assert moved == [".site-builder-manifest.json", "index.html", "stories/a", "stories/b", "tags"]
    assert output_tree(tmp_path) == {**{f.path: f.content.decode() for f in first},
                                     "stories/notes.txt": "the curator's"}

    renames.clear()
    second = files(index_html="home", stories__a__index_html="a2", stories__c__index_html="c",
                   tags__x__index_html="x", tags__z__index_html="z")
    write_output(second, tmp_path)
    moved = sorted(os.path.relpath(target, tmp_path) for target in renames if "staging" not in target)
    assert moved == [".site-builder-manifest.json", "stories/a/index.html", "stories/c", "tags/z"]
    assert output_tree(tmp_path) == {**{f.path: f.content.decode() for f in second},
                                     "stories/notes.txt": "the curator's"}


def output_tree(folder) -> dict[str, str]:
    return {str(path.relative_to(folder)): path.read_text() for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.name.startswith(".")}


def test_a_file_where_a_folder_is_needed_stops_the_build_before_anything_moves(tmp_path):
    write_output(files(index_html="home"), tmp_path)
    (tmp_path / "stories").write_text("the curator's")
    (tmp_path / "about.html").mkdir()
    with pytest.raises(BuildFailed) as failure:
        write_output(files(index_html="home2", stories__a__index_html="a", about_html="about"), tmp_path)
    messages = str(failure.value)
    assert "writes stories/a/index.html, but the output folder has a file stories, which this build did not write, " \
           "where it needs a folder" in messages
    assert "writes about.html, but the output folder has a folder there" in messages
    assert (tmp_path / "index.html").read_text() == "home" and (tmp_path / "stories").read_text() == "the curator's"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site-builder-manifest.json", "about.html",
                                                                "index.html", "stories"]
    (tmp_path / "stories").unlink()
    (tmp_path / "about.html").rmdir()
    write_output(files(index_html="home2", stories__a__index_html="a", about_html="about"), tmp_path)
    assert (tmp_path / "stories" / "a" / "index.html").read_text() == "a"


def test_a_file_the_last_build_wrote_makes_way_for_a_folder(tmp_path):
    write_output(files(news="a file"), tmp_path)
    write_output(files(news__index_html="now a folder"), tmp_path)
    assert (tmp_path / "news" / "index.html").read_text() == "now a folder"


def test_files_the_build_did_not_write_are_never_removed(tmp_path):
    (tmp_path / "CNAME").write_text("example.org")
    write_output(files(index_html="home"), tmp_path)
    write_output(files(other_html="x"), tmp_path)
    assert (tmp_path / "CNAME").read_text() == "example.org" and not (tmp_path / "index.html").exists()


def test_two_sources_writing_one_path_are_both_named(tmp_path):
    clash = [OutputFile("a/index.html", b"1", "article content/one.md"),
             OutputFile("a/index.html", b"2", "article content/two.md")]
    with pytest.raises(BuildFailed) as failure:
        write_output(clash, tmp_path)
    assert str(failure.value) == ("article content/two.md:0:0: writes a/index.html, which article content/one.md "
                                  "writes too; give one of them a distinct slug")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "a\\..\\b"])
def test_paths_leaving_the_output_folder_are_refused(tmp_path, path):
    with pytest.raises(BuildFailed, match="leaves the output folder"):
        write_output([OutputFile(path, b"x", "test")], tmp_path / "out")
    assert not (tmp_path / "escape.html").exists()


def test_an_output_folder_holding_the_content_is_refused(tmp_path):
    with pytest.raises(SiteBuilderError, match="must not contain"):
        check_output_folder(tmp_path, [tmp_path / "content"])
