"""Addresses as offices write them, and the register they should match: the geocoder's
quality cases, shared by its tests (`core/addresses/tests/`, the apps' tests) and the
`geocoder_quality` benchmark.

``register`` builds a small synthetic register of real Polish street names; ``messy``
generates misspelt and abbreviated forms of its addresses; ``written_forms`` and ``habits``
are forms written by hand; ``scoring.score`` counts the right and wrong matches.
"""
