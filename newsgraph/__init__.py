"""Newsgraph: organizations, events and quotes from news articles."""

__version__ = "0.1.0"
