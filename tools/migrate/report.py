"""What the person migrating must look at: warnings, and content the tool could not place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MigrationReport:
    """Warnings for the person migrating, and content kept as text for them to place."""

    source: str
    warnings: list[str] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.source}:{line}: warning: {message}")

    def keep(self, line: int, text: str, why: str) -> None:
        """Keep ``text`` on the page in the "Not migrated" note and say why."""
        self.unplaced.append((line, text.strip()))
        self.warn(line, f"{why}; kept as text in the 'Not migrated' note: {text.strip()!r}")
