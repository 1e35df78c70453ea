"""Settings in one place: the package version, the build time, and every environment variable the library
reads (each read when asked, so a test or a long-running server sees a change). Imports nothing from the
project, so any module may use it."""

from __future__ import annotations

import os
from datetime import datetime, timezone

VERSION = "0.1.0"

DEFAULT_BASE = "https://w3id.org/osce-kg/id/"
# name -> default, for the variables a publisher sets (see README.md and docs/identifiers.md)
ENVIRONMENT = {
    "SOURCE_DATE_EPOCH": "",  # reproducible builds: the build time, in seconds since 1970
    "OSCE_KG_BASE": DEFAULT_BASE,  # where entity IRIs live
    "OSCE_KG_CACHE": ".osce-kg-cache",  # what `osce-kg enrich` fetched
    "OSCE_KG_DOWNLOAD_BASE": "https://w3id.org/osce-kg/download/",
    "OSCE_KG_LICENSE": "http://www.apache.org/licenses/LICENSE-2.0",
    "OSCE_KG_PUBLISHER": "osce-kg project",
    "OSCE_KG_SPARQL_ENDPOINT": "",  # set when the graph is served
}


# Variables with no default: unset means "use the caller's default" (osce_kg/limits.py holds the limits'
# defaults, docs/security.md their meaning)
OPTIONAL = (
    "OSCE_KG_MAX_BYTES",
    "OSCE_KG_MAX_LINES",
    "OSCE_KG_MAX_LINE_CHARS",
    "OSCE_KG_MAX_HTML_DEPTH",
    "OSCE_KG_PAGE_SECONDS",
)
# Set by `osce-kg serve --workers N` for the worker processes it starts (they import the app by name, so the
# server's config reaches them through the environment); not a variable for users.
SERVE_CONFIG = "OSCE_KG_SERVE_CONFIG"


def setting(name: str) -> str:
    """The environment's value for `name` (one of ENVIRONMENT), else its default."""
    return os.environ.get(name, ENVIRONMENT[name])


def optional_setting(name: str) -> str | None:
    """The environment's value for `name` (one of OPTIONAL), or None when it is not set."""
    if name not in OPTIONAL:
        raise KeyError(f"{name} is not one of settings.OPTIONAL")
    return os.environ.get(name)


def serve_config() -> str:
    """The server config `set_serve_config` handed to this worker process (JSON)."""
    return os.environ[SERVE_CONFIG]


def set_serve_config(value: str) -> None:
    """Hand the server config (JSON) to the worker processes started after this call."""
    os.environ[SERVE_CONFIG] = value


def build_time() -> str:
    """ISO time of the build: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = setting("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
