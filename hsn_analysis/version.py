"""The version of hsn_analysis, named in every report and run record."""

__version__ = "0.1.0"
