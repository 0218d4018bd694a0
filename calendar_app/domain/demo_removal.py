"""What "Remove the demo" may remove, and how it tells people what it did.

The demo's rows are marked when the demo loads. Removing them must never take
anything a person made or worked on: a demo item someone touched (moved,
assigned, annotated, re-scheduled), gave a headline, logged time on, attached
results to, or made evergreen stays, and so do the demo channel, idea and
campaign it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import listed


@dataclass(frozen=True)
class ItemWork:
    """What people did with one schedule item planned from a demo rule."""

    touched: bool = False
    headline: bool = False
    minutes_logged: bool = False
    results: bool = False
    notes: str = ""
    evergreen: bool = False
    rerun: bool = False


def worked_on(work: ItemWork) -> bool:
    """Whether a person put anything into the item, so that removing the demo keeps it."""
    return (
        work.touched
        or work.headline
        or work.minutes_logged
        or work.results
        or bool(work.notes.strip())
        or work.evergreen
        or work.rerun
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@dataclass
class DemoRemoval:
    """What removing the demo removed, and what it kept because people worked on it."""

    channels: int = 0
    rules: int = 0
    items: int = 0
    ideas: int = 0
    campaigns: int = 0
    kept_items: int = 0
    kept_ideas: int = 0
    kept_campaigns: list[str] = field(default_factory=list)
    kept_channels: list[str] = field(default_factory=list)

    def message(self) -> str:
        """One paragraph for people, e.g. "Removed the demo: 4 channels, 9 rules, 212 items,
        30 ideas. Kept 2 items you worked on and their channel LinkedIn." """
        removed = [
            _count(self.channels, "channel"),
            _count(self.rules, "rule"),
            _count(self.items, "item"),
            _count(self.ideas, "idea"),
        ]
        if self.campaigns:
            removed.append(_count(self.campaigns, "campaign"))
        text = "Removed the demo: " + ", ".join(removed) + "."
        kept = self._kept()
        return f"{text} Kept {kept}." if kept else text

    def _kept(self) -> str:
        parts = []
        if self.kept_items:
            parts.append(_count(self.kept_items, "item") + " you worked on")
        if self.kept_ideas:
            parts.append(_count(self.kept_ideas, "headline") + " they use")
        if self.kept_campaigns:
            noun = "campaign" if len(self.kept_campaigns) == 1 else "campaigns"
            parts.append(f"the {noun} {listed(self.kept_campaigns)}, which your work uses")
        if self.kept_channels:
            one = len(self.kept_channels) == 1
            noun, holds = ("channel", "holds") if one else ("channels", "hold")
            parts.append(f"the {noun} {listed(self.kept_channels)}, which still {holds} your work")
        return listed(parts) if parts else ""
