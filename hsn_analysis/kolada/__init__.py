"""Fetching comparison values from Kolada once, to be used offline by every report.

May import reading, words, rules and the base modules; never report, runs, mail or cli
(the layer contract and its own in pyproject.toml): reports never touch the network.
"""
