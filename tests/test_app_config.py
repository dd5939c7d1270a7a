"""Configuration for installers (Qt-free): where the system-wide file is on each platform,
what a file may say, every config error in plain words, locks, and the precedence of config
files, the clerk's own settings and --server."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.settings.config import (
    SYSTEM_CONFIG_ENV,
    AppConfig,
    ConfigError,
    load_config,
    system_config_candidates,
    system_config_path,
)
from clerk_app.settings.effective import check_server_flag, effective
from clerk_app.settings.preferences import Preferences
from tests.certificates import self_signed

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- where the system-wide file is --------------------------------------------------------


def test_system_file_place_per_platform() -> None:
    assert [str(p) for p in system_config_candidates("linux", {})] == [
        "/etc/xdg/videoclerk/config.toml"
    ]
    xdg = {"XDG_CONFIG_DIRS": "/opt/site/xdg:relative/ignored:/etc/xdg"}
    assert [str(p) for p in system_config_candidates("linux", xdg)] == [
        "/opt/site/xdg/videoclerk/config.toml",
        "/etc/xdg/videoclerk/config.toml",
    ]
    assert str(system_config_candidates("win32", {})[0]) == (
        r"C:\ProgramData\videoclerk\config.toml"
    )
    assert str(system_config_candidates("win32", {"PROGRAMDATA": r"D:\Data"})[0]) == (
        r"D:\Data\videoclerk\config.toml"
    )
    assert str(system_config_candidates("darwin", {})[0]) == (
        "/Library/Application Support/videoclerk/config.toml"
    )
    override = {SYSTEM_CONFIG_ENV: "/tmp/x.toml", "XDG_CONFIG_DIRS": "/opt"}
    assert [str(p) for p in system_config_candidates("linux", override)] == ["/tmp/x.toml"]


def test_the_first_xdg_folder_that_has_the_file_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    environ = {"XDG_CONFIG_DIRS": f"{first}:{second}"}
    assert system_config_path("linux", environ) == first / "videoclerk/config.toml"
    write(second / "videoclerk/config.toml", 'theme = "dark"\n')
    assert system_config_path("linux", environ) == second / "videoclerk/config.toml"
    write(first / "videoclerk/config.toml", 'theme = "light"\n')
    assert system_config_path("linux", environ) == first / "videoclerk/config.toml"


# ---- reading ------------------------------------------------------------------------------


def test_a_full_file_is_read_with_its_locks_and_a_relative_ca_file(tmp_path: Path) -> None:
    cert, _key = self_signed(tmp_path)
    system = write(
        tmp_path / "etc/config.toml",
        'server = "video.example.com"\n'
        'ca_file = "../cert.pem"\n'
        'proxy = "http://proxy.example:3128"\n'
        'language = "nl"\n'
        'theme = "dark"\n'
        'locked = ["server", "proxy"]\n',
    )
    config = load_config(system=system)
    assert config.server == "video.example.com"
    assert config.ca_file is not None and config.ca_file.resolve() == cert.resolve()
    assert (config.proxy, config.language, config.theme) == (
        "http://proxy.example:3128",
        "nl",
        "dark",
    )
    assert config.locked == {"server", "proxy"}
    assert config.locked_by == {"server": system, "proxy": system}
    assert config.files == (system,)


def test_no_system_file_and_no_config_is_an_empty_config(tmp_path: Path) -> None:
    assert load_config(system=tmp_path / "absent.toml") == AppConfig()


def test_the_config_file_overrides_the_system_file_but_not_its_locks(tmp_path: Path) -> None:
    system = write(
        tmp_path / "system.toml",
        'server = "https://a.example"\ntheme = "dark"\nlocked = ["server"]\n',
    )
    extra = write(tmp_path / "extra.toml", 'theme = "light"\nlanguage = "en"\nlocked = ["theme"]\n')
    config = load_config(extra, system=system)
    assert (config.server, config.theme, config.language) == ("https://a.example", "light", "en")
    assert config.locked_by == {"server": system, "theme": extra}
    assert config.files == (system, extra)
    # The same value as the lock is no conflict; another one is.
    same = write(tmp_path / "same.toml", 'server = "https://a.example"\n')
    assert load_config(same, system=system).server == "https://a.example"
    other = write(tmp_path / "other.toml", 'server = "https://b.example"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(other, system=system)
    assert caught.value.problem == "lock_conflict"
    assert str(caught.value) == (
        f"The config file {other} sets \u201cserver\u201d, but the system-wide config file "
        f"{system} locks it. Remove \u201cserver\u201d from {other}."
    )


# ---- every error names the file, the key and what is wrong ------------------------------------

CA_PLACEHOLDER = "@CA@"


@pytest.mark.parametrize(
    ("text", "problem", "key", "words"),
    [
        ('sever = "https://a.example"\n', "unknown_key", "sever", "unknown key \u201csever\u201d"),
        ("server = 8080\n", "not_text", "server", "must be text in double quotes, not a number"),
        ("theme = true\n", "not_text", "theme", "not true or false"),
        ('locked = "server"\n', "not_a_list", "locked", "must be a list of setting names"),
        ('locked = ["server", "colour"]\n', "unknown_lock", "locked", "names \u201ccolour\u201d"),
        ('theme = "blue"\n', "bad_choice", "theme", "must be one of system, light, dark"),
        ('language = "de"\n', "bad_choice", "language", "not \u201cde\u201d"),
        ('server = "ftp://a.example"\n', "bad_server", "server", "is not a server address"),
        ('proxy = "proxy.example:3128"\n', "bad_proxy", "proxy", "is not a proxy address"),
        ('proxy = "http://p.example:port"\n', "bad_proxy", "proxy", "http://proxy.example:3128"),
        ('ca_file = "nowhere.pem"\n', "ca_missing", "ca_file", "does not exist"),
        ('ca_file = "not-a-cert.pem"\n', "ca_not_pem", "ca_file", "holds no certificate"),
        ('ca_file = "a-folder"\n', "ca_unreadable", "ca_file", "cannot be read: Is a directory"),
        ('locked = ["server"]\n', "locked_without_server", "server", "locks the server address"),
        ('server = "https://a.example\n', "not_toml", "", "is not valid TOML"),
    ],
)
def test_each_config_error_says_which_file_which_key_and_what_is_wrong(
    tmp_path: Path, text: str, problem: str, key: str, words: str
) -> None:
    write(tmp_path / "not-a-cert.pem", "hello\n")
    (tmp_path / "a-folder").mkdir()
    path = write(tmp_path / "config.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, system=tmp_path / "absent.toml")
    error = caught.value
    assert (error.problem, error.file, error.key) == (problem, str(path), key)
    message = str(error)
    assert str(path) in message
    assert words in message, message
    if key and problem != "locked_without_server":
        assert f"\u201c{key}\u201d" in message or f"({key})" in message, message


def test_a_missing_or_unreadable_config_file_is_an_error_a_missing_system_file_is_not(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError, match=r"The config file .*nope\.toml does not exist\."):
        load_config(tmp_path / "nope.toml", system=tmp_path / "absent.toml")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ConfigError, match=r"folder\.toml cannot be read: Is a directory\."):
        load_config(system=folder)


def test_a_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'theme = "dark"\nserver https://a.example\n')
    with pytest.raises(ConfigError, match=r"line 2"):
        load_config(path, system=tmp_path / "absent.toml")


# ---- precedence ---------------------------------------------------------------------------


def config_with(tmp_path: Path, text: str) -> AppConfig:
    return load_config(system=write(tmp_path / "system.toml", text))


def test_the_clerks_choice_beats_the_file_and_the_command_line_beats_both(tmp_path: Path) -> None:
    config = config_with(
        tmp_path,
        'server = "https://file.example"\nproxy = "http://file-proxy:1"\n'
        'language = "nl"\ntheme = "dark"\n',
    )
    nothing = Preferences()
    chosen = Preferences(
        server_url="https://remembered.example",
        proxy="http://my-proxy:2",
        language="en",
        theme="light",
    )
    defaults = effective(config, nothing)
    assert (defaults.server, defaults.proxy, defaults.language, defaults.theme) == (
        "https://file.example",
        "http://file-proxy:1",
        "nl",
        "dark",
    )
    own = effective(config, chosen)
    assert (own.server, own.proxy, own.language, own.theme) == (
        "https://remembered.example",
        "http://my-proxy:2",
        "en",
        "light",
    )
    assert effective(config, chosen, server_flag="https://flag.example").server == (
        "https://flag.example"
    )
    # Without any config: the clerk's choice, else the built-in default.
    bare = effective(AppConfig(), nothing)
    assert (bare.server, bare.ca_file, bare.proxy, bare.language, bare.theme) == (
        "",
        None,
        None,
        "system",
        "system",
    )
    assert effective(AppConfig(), Preferences(ca_file="/x/ca.pem")).ca_file == Path("/x/ca.pem")


def test_a_locked_key_keeps_the_files_value_whatever_the_clerk_chose(tmp_path: Path) -> None:
    config = config_with(
        tmp_path,
        'server = "https://file.example"\nlanguage = "nl"\n'
        'locked = ["server", "language", "proxy", "theme"]\n',
    )
    chosen = Preferences(
        server_url="https://remembered.example",
        proxy="http://my-proxy:2",
        language="en",
        theme="dark",
    )
    result = effective(config, chosen, server_flag="https://file.example/")
    assert result.server == "https://file.example"
    assert result.language == "nl"
    assert result.proxy is None  # locked without a value: no proxy, not the clerk's
    assert result.theme == "system"
    assert result.locked == {"server", "language", "proxy", "theme"}


def test_server_flag_against_a_locked_server_is_refused_unless_it_is_the_same(
    tmp_path: Path,
) -> None:
    config = config_with(tmp_path, 'server = "https://file.example"\nlocked = ["server"]\n')
    check_server_flag(config, None)
    check_server_flag(config, "file.example")  # the same server, written another way
    with pytest.raises(ConfigError) as caught:
        check_server_flag(config, "https://other.example")
    assert caught.value.problem == "server_locked"
    assert str(caught.value) == (
        "--server https://other.example is not allowed: the config file "
        f"{tmp_path / 'system.toml'} locks the server address to https://file.example. "
        "Start videoclerk without --server."
    )
    unlocked = config_with(tmp_path, 'server = "https://file.example"\n')
    check_server_flag(unlocked, "https://other.example")
