"""A seeded, deterministic generator of a fictional Polish city for demos, tests and benchmarks.

`build_city(out_dir, seed, scale)` writes the boundary, districts, estates, address points,
population, a MOPS and a PUP extract and a list of resources, and returns a `Manifest` that
describes the files and the truth the platform should find in them.
"""

from __future__ import annotations

from .build import build_city
from .manifest import FileInfo, Manifest

__all__ = ["FileInfo", "Manifest", "build_city"]
