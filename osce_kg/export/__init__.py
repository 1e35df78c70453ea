"""Exporters: one module per format on one small base (`base.Exporter`)."""

from osce_kg.export.base import EXPORTERS, Exporter, exporter_for, write_atomic

__all__ = ["EXPORTERS", "Exporter", "exporter_for", "write_atomic"]
