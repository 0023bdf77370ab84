"""Reading and checking input: files and workbooks → raw tables → a checked `Dataset` or problems.

May import words (for its Swedish messages), rules and the base modules; never report,
runs, mail or cli.
"""
