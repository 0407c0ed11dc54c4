"""Pagination of long lists: every entry on exactly one page, in order, and numbered pages that keep their
entries as the list grows (the property that lets a daily build rewrite few pages)."""

from hypothesis import given
from hypothesis import strategies as st

from site_builder.rendering.views import Urls, paginate

URLS = Urls("https://example.org/digest/", "/digest/")


@given(length=st.integers(0, 200), size=st.integers(1, 25))
def test_every_entry_is_on_exactly_one_page_in_newest_first_order(length, size):
    entries = list(range(length))  # newest first

    pages = paginate(entries, size, "tags/x/", URLS)

    assert [entry for chunk, _, _ in pages for entry in chunk] == entries
    front, *numbered = [chunk for chunk, _, _ in pages]
    assert all(len(chunk) == size for chunk in numbered)
    assert len(front) == length if length < 2 * size else size <= len(front) < 2 * size
    assert len({path for _, _, path in pages}) == len(pages)


@given(length=st.integers(0, 200), size=st.integers(1, 25))
def test_each_page_links_its_neighbours_newer_first(length, size):
    pages = paginate(list(range(length)), size, "", URLS)

    urls = [URLS.page(path) for _, _, path in pages]
    assert [(p.previous_url, p.next_url) for _, p, _ in pages] == [
        (urls[i - 1] if i else None, urls[i + 1] if i + 1 < len(urls) else None) for i in range(len(urls))]
    assert pages[0][2] == "index.html" and pages[0][1].number is None
    assert [p.number for _, p, _ in pages[1:]] == list(range(len(pages) - 1, 0, -1))


@given(length=st.integers(0, 200), size=st.integers(1, 25), added=st.integers(1, 30))
def test_entries_added_at_the_top_change_no_numbered_page_but_the_newest_one_s_newer_link(length, size, added):
    before = {path: (tuple(chunk), p) for chunk, p, path in paginate(list(range(length)), size, "", URLS)}
    grown = list(range(-added, length))  # new entries come first

    after = {path: (tuple(chunk), p) for chunk, p, path in paginate(grown, size, "", URLS)}

    changed = {path for path in before if path != "index.html" and before[path] != after[path]}
    assert all(before[path][0] == after[path][0] for path in changed)  # the same entries, relinked
    assert len(changed) <= 1
    assert set(before) <= set(after)
