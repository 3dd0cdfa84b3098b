"""The filters every query and every page share: actors, a date range, entity types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()  # entity ids; empty means every actor
    date_from: date | None = None
    date_to: date | None = None
    types: tuple[str, ...] = ()  # entity types (ORG, PERSON, ...); empty means every type

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    @property
    def is_empty(self) -> bool:
        return not self.actors and not self.has_dates and not self.types


NO_FILTERS = Filters()
