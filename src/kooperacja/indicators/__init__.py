"""Indicators: definitions as data, partner aggregates, rates with disclosure control,
hot spots and a deprivation index, for the map, the API and exports."""
