"""Institutions' submissions, the pure part: read extracts, validate rows, pseudonymise
people and measure client overlap between institutions.

Nothing here touches Django or a database; the records app calls these functions and
stores what they return. Names, PESEL numbers and address text pass through memory only.
"""
