"""Lectures and readings as Sphinx objects: the domain that keeps schedules between reading and writing, and what they name."""
