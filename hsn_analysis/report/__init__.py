"""The report: its sections as escaped HTML, charts, palette, markup and the nbconvert export.

May import words, reading, rules and the base modules; never runs, mail or cli. The notebook
uses `report.sections`; this package itself imports nothing, so `runs.index` and `mail` can
use its markup without loading matplotlib.
"""
