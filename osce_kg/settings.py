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


def setting(name: str) -> str:
    """The environment's value for `name` (one of ENVIRONMENT), else its default."""
    return os.environ.get(name, ENVIRONMENT[name])


def build_time() -> str:
    """ISO time of the build: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = setting("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
