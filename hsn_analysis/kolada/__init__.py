"""Fetching comparison values from Kolada once, to be used offline by every report."""
