"""CSV: the rows of a named query (`--query NAME`), one table per class (`--class`, `--all-classes`)."""

from __future__ import annotations

import csv
import io
import json

from osce_kg.export.base import Exporter, ExportOptions, UsageError


def rows_to_csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buf.getvalue()


class CsvExporter(Exporter):
    default_name = "csv"

    def check(self, options: ExportOptions) -> None:
        super().check(options)
        modes = [m for m in ("query", "cls", "all_classes") if m in options.given()]
        if len(modes) != 1:
            raise UsageError("--format csv needs exactly one of --query NAME, --class CLASS, --all-classes DIR")
        if options.params and not options.query:
            raise UsageError("--param goes with --query")
        if options.lang and options.query:
            raise UsageError("--lang goes with --class or --all-classes (a query takes --param lang=...)")

    def export(self, kg, options: ExportOptions | None = None) -> str | dict[str, str]:
        options = options or ExportOptions()
        self.check(options)
        if options.query:
            from osce_kg.query_library import execute, resolve
            from osce_kg.sparql import QueryError

            try:  # parameters are typed and bound as RDF terms (osce_kg.query_library)
                return execute(resolve(options.query), options.params, kg=kg).serialize("csv")
            except (KeyError, ValueError, QueryError) as exc:
                raise UsageError(exc.args[0] if exc.args else str(exc)) from None
        from osce_kg.export import tables

        lang = options.lang or "en"
        if options.all_classes:
            return tables.all_tables(kg, lang)
        return tables.class_table(kg, options.cls, lang)[0]

    def companions(self, kg, options: ExportOptions, output: str) -> dict[str, str]:
        """The CSVW metadata written beside a class table saved to a file (`<file>-metadata.json`)."""
        if not options.cls:
            return {}
        from pathlib import Path

        from osce_kg.export import tables

        meta = json.loads(tables.class_table(kg, options.cls, options.lang or "en")[1])
        meta["url"] = Path(output).name
        return {output + "-metadata.json": json.dumps(meta, indent=1, ensure_ascii=False) + "\n"}

    def render(self, quads) -> str:
        raise UsageError("CSV is exported from a graph with --query, --class or --all-classes")


EXPORTER = CsvExporter
