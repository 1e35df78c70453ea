"""The error a route raises to answer with an HTTP status: shared by osce_kg.server and
osce_kg.server_pages, so neither imports the other for it."""

from __future__ import annotations


class HTTPError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message
