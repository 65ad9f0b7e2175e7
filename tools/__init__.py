"""Maintenance tools for the course site, run with ``python -m tools.<name>``."""

from __future__ import annotations
