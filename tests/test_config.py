"""site.yaml: parsed and validated (pure `parse_config`), then read and overridden by flags (`load_config`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.config import DeploySettings, SiteConfig, load_config, parse_config
from site_builder.errors import SiteBuilderError

ROOT = Path("/sites/digest")


def messages(text: str) -> list[str]:
    _, problems = parse_config(text, ROOT, "site.yaml")
    return [str(problem) for problem in sorted(problems)]


def config_from(text: str) -> SiteConfig:
    config, problems = parse_config(text, ROOT, "site.yaml")
    assert problems == []
    return config


def write_config(folder: Path, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# parse_config


def test_an_empty_site_yaml_gives_the_defaults_with_folders_under_the_site_folder():
    assert config_from("") == SiteConfig(root=ROOT, content_dir=ROOT / "content", output_dir=ROOT / "output")


def test_every_key_is_read():
    config = config_from("title: Kabar\ndescription: Daily.\nbase_url: https://example.org/kabar/\nlanguage: id\n"
                         "timezone: Asia/Jakarta\ntheme: plain\ncontent: articles\noutput: public\npage_size: 5\n"
                         "list_page_size: 6\nfeed_size: 7\nextra_keys: [paywall, rating]\nparams:\n  logo: k.svg\n")
    assert config == SiteConfig(
        root=ROOT, title="Kabar", description="Daily.", base_url="https://example.org/kabar/", language="id",
        timezone="Asia/Jakarta", theme="plain", content_dir=ROOT / "articles", output_dir=ROOT / "public",
        page_size=5, list_page_size=6, feed_size=7, extra_keys=("paywall", "rating"), params={"logo": "k.svg"})


def test_the_deploy_section_is_read_with_paths_from_the_site_folder():
    config = config_from("deploy:\n  target: rsync\n  remote: upstream\n  branch: pages\n  domain: news.example.org\n"
                         "  folder: ../public\n  rsync: www\n")
    assert config.deploy == DeploySettings(target="rsync", remote="upstream", branch="pages", domain="news.example.org",
                                           folder=Path("/sites/public"), rsync="/sites/digest/www")
    assert config_from("deploy:\n  rsync: me@host:www/\n").deploy.rsync == "me@host:www/"
    assert config_from("").deploy == DeploySettings()


@pytest.mark.parametrize("text, message", [
    ("deploy:\n  brnach: x\n", "site.yaml:2:3: unknown deploy setting 'brnach'; use: branch, domain, folder, remote, "
                                "rsync, target"),
    ("deploy: gh-pages\n", "site.yaml:1:9: 'deploy' must be a mapping; use: branch, domain, folder, remote, rsync, "
                           "target"),
    ("deploy:\n  branch: 7\n", "site.yaml:2:3: 'deploy: branch' must be text, not a number; write for example "
                                "`branch: gh-pages`"),
    ("deploy:\n  target: ftp\n", "site.yaml:2:3: unknown deploy target 'ftp'; use one of: git, folder, rsync"),
    ("deploy:\n  domain: https://news.example.org/\n", "site.yaml:2:3: deploy domain 'https://news.example.org/' is "
                                                        "not a host name; write it as `domain: news.example.org`, "
                                                        "without https:// or a path"),
    ("deploy:\n  folder: ../public\n  rsync: www\n", "site.yaml:2:3: deploy has both `folder:` and `rsync:`; add "
                                                     "`target: folder` or `target: rsync`"),
])
def test_deploy_settings_that_cannot_work_are_errors_where_they_stand(text, message):
    assert messages(text) == [message]


@pytest.mark.parametrize("base_url, normalised, base_path", [
    ("https://example.org", "https://example.org/", "/"),
    ("https://example.org/", "https://example.org/", "/"),
    ("https://example.org/digest", "https://example.org/digest/", "/digest/"),
    ("http://example.org/news/daily/", "http://example.org/news/daily/", "/news/daily/"),
])
def test_the_base_url_always_ends_in_a_slash_and_its_path_is_the_base_path(base_url, normalised, base_path):
    config = config_from(f"base_url: {base_url}\n")
    assert (config.base_url, config.base_path) == (normalised, base_path)


@pytest.mark.parametrize("text, expected", [
    pytest.param("titel: Kabar\n", "site.yaml:1:1: warning: unknown site.yaml key 'titel'; did you mean 'title'?",
                 id="misspelt-key"),
    pytest.param("logo: k.svg\n", "site.yaml:1:1: warning: unknown site.yaml key 'logo'; remove it or move it under "
                                  "`params:`", id="unknown-key"),
    pytest.param("base_url: example.org\n", "site.yaml:1:11: base_url 'example.org' is not an absolute http(s) "
                                            "URL; write for example `base_url: https://example.org/digest/`",
                 id="base-url-without-scheme"),
    pytest.param("base_url: ftp://example.org/\n", "site.yaml:1:11: base_url 'ftp://example.org/' is not an "
                 "absolute http(s) URL; write for example `base_url: https://example.org/digest/`",
                 id="base-url-not-http"),
    pytest.param("base_url: https://example.org/?p=1\n", "site.yaml:1:11: base_url 'https://example.org/?p=1' "
                 "must not have a query or fragment; write for example `base_url: https://example.org/digest/`",
                 id="base-url-with-query"),
    pytest.param("timezone: Mars/Olympus\n", "site.yaml:1:11: unknown time zone 'Mars/Olympus'; use an IANA "
                 "name such as UTC, Europe/Rome or Asia/Jakarta", id="unknown-time-zone"),
    pytest.param("timezone: ../../etc/passwd\n", "site.yaml:1:11: unknown time zone '../../etc/passwd'; use an "
                 "IANA name such as UTC, Europe/Rome or Asia/Jakarta", id="time-zone-path"),
    pytest.param("language: klingon\n", "site.yaml:1:11: unknown language code 'klingon'; use a BCP 47 code "
                 "such as en, id, it or pt-BR", id="unknown-language"),
    pytest.param("page_size: 0\n", "site.yaml:1:12: 'page_size' must be a whole number of at least 1, not 0; "
                 "write for example `page_size: 20`", id="page-size-zero"),
    pytest.param("feed_size: ten\n", "site.yaml:1:12: 'feed_size' must be a whole number of at least 1, not "
                 "'ten'; write for example `feed_size: 50`", id="feed-size-word"),
    pytest.param("list_page_size: true\n", "site.yaml:1:17: 'list_page_size' must be a whole number of at least "
                 "1, not True; write for example `list_page_size: 50`", id="list-page-size-bool"),
    pytest.param("params: [logo]\n", "site.yaml:1:9: 'params' must be a mapping; write `params:` followed by "
                 "indented `name: value` lines", id="params-list"),
    pytest.param("title: 2025\n", "site.yaml:1:8: 'title' must be text, not a number; put the value in quotes: "
                 "title: \"2025\"", id="title-number"),
    pytest.param("extra_keys: 5\n", "site.yaml:1:13: 'extra_keys' must be text or a list of texts, not a number; "
                 "write `extra_keys: [first, second]`", id="extra-keys-number"),
    pytest.param("title: A\ntitle: B\n", "site.yaml:2:1: duplicate key 'title' (first set on line 1); keep only "
                 "one of them", id="duplicate-key"),
])
def test_each_configuration_mistake_is_reported_with_its_place_and_its_fix(text, expected):
    assert messages(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    pytest.param("title: News: daily\n", "site.yaml:1:12: site.yaml is not valid YAML (mapping values are not "
                 "allowed in this context); put values containing \": \" in quotes", id="unquoted-colon"),
    pytest.param("- title\n", "site.yaml:1:1: site.yaml must be a mapping of keys to values, not a list; write "
                 "one `key: value` per line", id="list"),
])
def test_a_site_yaml_that_is_not_a_mapping_gives_no_configuration(text, expected):
    config, problems = parse_config(text, ROOT, "site.yaml")
    assert config is None
    assert [str(problem) for problem in problems] == [expected]


def test_a_wrong_value_falls_back_to_its_default_so_other_problems_are_still_found():
    config, problems = parse_config("base_url: nope\ntimezone: Nowhere\npage_size: 0\nlanguage: zz-zz-zz-zz\n",
                                    ROOT, "site.yaml")
    assert (config.base_url, config.timezone, config.page_size, config.language) == \
        ("http://localhost:8000/", "UTC", 20, "en")
    assert [(problem.line, problem.column) for problem in sorted(problems)] == [(1, 11), (2, 11), (3, 12), (4, 11)]


# load_config


def test_without_a_site_yaml_the_current_folder_is_the_site_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config, warnings = load_config()
    assert (config.root, config.content_dir, config.output_dir, config.config_path, warnings) == \
        (tmp_path, tmp_path / "content", tmp_path / "output", None, [])


def test_the_folders_of_site_yaml_are_taken_from_its_own_folder(tmp_path, monkeypatch):
    path = write_config(tmp_path / "site", "content: articles\n")
    monkeypatch.chdir(tmp_path)
    config, _ = load_config(path)
    assert (config.root, config.content_dir, config.config_path) == \
        (path.parent, path.parent / "articles", path.resolve())


def test_warnings_are_returned_and_errors_raised_all_together(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, "titel: X\n")
    assert [str(problem) for problem in load_config()[1]] == [
        "site.yaml:1:1: warning: unknown site.yaml key 'titel'; did you mean 'title'?"]
    write_config(tmp_path, "titel: X\nbase_url: nope\ntimezone: Nowhere\n")
    with pytest.raises(SiteBuilderError) as raised:
        load_config()
    assert str(raised.value).splitlines() == [
        "site.yaml:1:1: warning: unknown site.yaml key 'titel'; did you mean 'title'?",
        "site.yaml:2:11: base_url 'nope' is not an absolute http(s) URL; write for example "
        "`base_url: https://example.org/digest/`",
        "site.yaml:3:11: unknown time zone 'Nowhere'; use an IANA name such as UTC, Europe/Rome or Asia/Jakarta"]


def test_invalid_yaml_in_site_yaml_is_raised_with_its_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, "title: Kabar\ndescription: News: daily\n")
    with pytest.raises(SiteBuilderError) as raised:
        load_config()
    assert str(raised.value) == ("site.yaml:2:18: site.yaml is not valid YAML (mapping values are not allowed in "
                                 "this context); put values containing \": \" in quotes")


def test_a_config_path_that_does_not_exist_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SiteBuilderError) as raised:
        load_config(Path("elsewhere/site.yaml"))
    assert str(raised.value) == "elsewhere/site.yaml: no such configuration file; check the --config path"


def test_a_site_yaml_saved_with_a_byte_order_mark_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, "\ufefftitle: Kabar\n".encode("utf-8"))
    assert load_config() == (SiteConfig(root=tmp_path, title="Kabar", content_dir=tmp_path / "content",
                                        output_dir=tmp_path / "output", config_path=tmp_path / "site.yaml"), [])


def test_a_site_yaml_that_is_not_utf8_is_reported_where_the_bad_byte_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path, b"title: Kabar\ndescription: caf\xe9\n")
    with pytest.raises(SiteBuilderError) as raised:
        load_config()
    [problem] = raised.value.problems
    expected = ("site.yaml", 2, 17, "save it with UTF-8 encoding")
    assert (problem.path, problem.line, problem.column, problem.hint) == expected


def test_flags_override_base_url_content_and_output(tmp_path, monkeypatch):
    path = write_config(tmp_path / "site", "base_url: https://example.org/\ncontent: articles\noutput: public\n")
    monkeypatch.chdir(tmp_path)
    config, _ = load_config(path, {"base_url": "https://example.net/digest", "content_dir": "drafts",
                                   "output_dir": "/srv/www"})
    assert (config.base_url, config.base_path, config.content_dir, config.output_dir) == \
        ("https://example.net/digest/", "/digest/", tmp_path / "drafts", Path("/srv/www"))


def test_flags_left_out_keep_the_values_of_site_yaml(tmp_path, monkeypatch):
    path = write_config(tmp_path / "site", "base_url: https://example.org/a/\ncontent: articles\n")
    monkeypatch.chdir(tmp_path)
    config, _ = load_config(path, {"base_url": None, "content_dir": None, "output_dir": None})
    assert (config.base_url, config.content_dir, config.output_dir) == \
        ("https://example.org/a/", path.parent / "articles", path.parent / "output")


def test_a_base_url_flag_that_is_not_absolute_is_reported_as_the_flag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SiteBuilderError) as raised:
        load_config(overrides={"base_url": "example.org/digest"})
    assert str(raised.value) == ("--base-url:0:0: base_url 'example.org/digest' is not an absolute http(s) URL; "
                                 "pass an absolute URL such as https://example.org/digest/")
