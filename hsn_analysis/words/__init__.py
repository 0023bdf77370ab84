"""Swedish words: labels, messages, the narrative, number formatting, report text and the summary.

May import rules and the base modules; never reading, report, runs, mail or cli.
"""
