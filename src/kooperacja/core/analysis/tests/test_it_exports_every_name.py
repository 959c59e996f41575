"""Every name the core packages list in ``__all__`` can be imported from the package."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    "package", ["kooperacja.core.analysis", "kooperacja.core.accessibility", "kooperacja.core.addresses"]
)
def test_it_gives_every_listed_name(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018
