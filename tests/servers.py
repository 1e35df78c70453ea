"""SPARQL servers for the portability tests: a plain `oxigraph serve` and Virtuoso, on 127.0.0.1.

`python -m tests.servers virtuoso DIR` starts Virtuoso for CI (.ci/run) and prints the environment the
tests read (OSCE_KG_TEST_VIRTUOSO, its isql port and load folder); without it the tests start one for the session
(tests/conftest.py `virtuoso_server`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=1).read()
            return
        except OSError:
            time.sleep(0.02)  # a refused connection costs nothing: ask often, so no test waits for the poll
    raise RuntimeError(f"SPARQL server at {url} did not start")


def start_oxigraph(folder: Path) -> tuple[str, subprocess.Popen]:
    """A plain server (no --union-default-graph): query URL and process."""
    base = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen(["oxigraph", "serve", "--location", str(folder / "db"), "--bind",
                                base.removeprefix("http://")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait(base + "/query")
    return base, process


def load_oxigraph(base: str, nquads: Path) -> None:
    request = urllib.request.Request(f"{base}/store", data=nquads.read_bytes(), method="POST",
                                     headers={"Content-Type": "application/n-quads"})
    urllib.request.urlopen(request, timeout=60).read()


class OsceKgServer:
    """`osce-kg serve`'s app on uvicorn in a thread of the test process, on 127.0.0.1 and a free port."""

    def __init__(self, store: Path, **config):
        import threading

        import uvicorn

        from osce_kg.server import ServerConfig, create_app

        self.base = f"http://127.0.0.1:{free_port()}"
        app = create_app(ServerConfig(store=Path(store), **config))
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=int(self.base.rsplit(":", 1)[1]),
                                                    log_level="error", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("osce-kg serve did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def start_virtuoso(folder: Path) -> tuple[str, str, subprocess.Popen]:
    """Virtuoso with its own ini and a temporary database: (sparql URL, isql address, process)."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    process = subprocess.Popen([virtuoso_binary(), "-c", str(folder / "virtuoso.ini"), "+foreground"],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    wait(url, 60)
    return url, f"127.0.0.1:{sql}", process


def load_virtuoso(isql: str, folder: Path, nquads: Path) -> None:
    """Virtuoso's bulk loader (large INSERT DATA fails there): the file must sit in an allowed folder."""
    target = folder.resolve() / nquads.name
    if target != nquads.resolve():
        shutil.copyfile(nquads, target)
    # a file the loader has loaded before stays in its list and would not be read again: forget it first
    virtuoso_sql(isql, f"delete from DB.DBA.load_list where ll_file = '{target}'; "
                       f"ld_dir('{target.parent}', '{target.name}', 'urn:osce-kg:test:unused'); "
                       "rdf_loader_run(); checkpoint;")


def virtuoso_sql(isql: str, command: str) -> None:
    """Statements run as dba through isql (Virtuoso's SQL client)."""
    subprocess.run(["isql-vt", isql, "dba", "dba", f"exec={command}"], check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def drop_virtuoso_graphs(isql: str, graphs) -> None:
    """Empty the named graphs on Virtuoso, so data a test puts there comes from that test and no other."""
    virtuoso_sql(isql, " ".join(f"SPARQL DROP SILENT GRAPH <{g}>;" for g in graphs))


if __name__ == "__main__":  # CI: start Virtuoso, print the variables the tests read
    if len(sys.argv) != 3 or sys.argv[1] != "virtuoso":
        sys.exit("usage: python -m tests.servers virtuoso DIR")
    if not virtuoso_binary():
        sys.exit("virtuoso-t not installed")
    url, isql, proc = start_virtuoso(Path(sys.argv[2]))
    print(f"export OSCE_KG_TEST_VIRTUOSO={url} OSCE_KG_TEST_VIRTUOSO_ISQL={isql} "
          f"OSCE_KG_TEST_VIRTUOSO_DIR={Path(sys.argv[2]).resolve()} OSCE_KG_TEST_VIRTUOSO_PID={proc.pid}")
    os._exit(0)  # leave the server running
