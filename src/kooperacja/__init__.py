"""Kooperacja: a shared map of social problems and local resources."""

from __future__ import annotations

__version__ = "0.1.0"
