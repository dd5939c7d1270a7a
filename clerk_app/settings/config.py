"""The app's config file (TOML) and environment (VIDEOCLERK_APP_*), Qt-free.

An installer or administrator may pin the server and defaults for every clerk of a
machine; `--server` on the command line wins over the file, the file over what the app
remembered from the last log-in. The environment wins over the file.

```toml
server = "https://video.example.com"
ca_file = "/etc/videoclerk/ca.pem"   # a private CA for the server's certificate
language = "nl"                      # "system", "en" or "nl"
theme = "dark"                       # "system", "light" or "dark"
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Language = Literal["system", "en", "nl"]
Theme = Literal["system", "light", "dark"]
ENV_PREFIX = "VIDEOCLERK_APP_"


@dataclass(frozen=True)
class AppConfig:
    server: str | None = None  # server address; wins over the remembered one
    ca_file: Path | None = None  # CA certificate file for a private server CA
    language: Language | None = None  # language when the clerk chose none
    theme: Theme | None = None  # theme when the clerk chose none


class ConfigError(Exception):
    """The config file is missing or wrong; the message names the file and the problem."""


def load_config(path: Path | None) -> AppConfig:
    """Read `path` (if given) under the environment; raises ConfigError with a plain message.

    pydantic-settings validates; it is loaded only when there is something to read, which
    keeps it off the way to the first window.
    """
    if path is None and not any(name.startswith(ENV_PREFIX) for name in os.environ):
        return AppConfig()
    from pydantic import ValidationError
    from pydantic_settings import (
        BaseSettings,
        PydanticBaseSettingsSource,
        SettingsConfigDict,
        TomlConfigSettingsSource,
    )

    class Schema(BaseSettings):
        model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

        server: str | None = None
        ca_file: Path | None = None
        language: Language | None = None
        theme: Theme | None = None

        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            return (env_settings, init_settings)  # the environment wins over the file

    values: dict[str, Any] = {}
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"The config file {path} does not exist.")
        try:
            values = TomlConfigSettingsSource(Schema, toml_file=path)()
        except Exception as exc:  # tomllib's errors and unreadable files alike
            raise ConfigError(f"The config file {path} cannot be read: {exc}") from exc
    try:
        schema = Schema(**values)
    except ValidationError as exc:
        where = f"The config file {path}" if path else "The VIDEOCLERK_APP_* environment"
        raise ConfigError(f"{where} is not valid: {exc}") from exc
    return AppConfig(
        server=schema.server, ca_file=schema.ca_file, language=schema.language, theme=schema.theme
    )
