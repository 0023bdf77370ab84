"""The analyst's front door: `hsn_analysis.load(path)` gives one `FollowUp` to ask questions of.

May import report, reading, words, rules and the base modules; never runs, mail or cli.
"""
