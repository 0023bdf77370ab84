"""Mail: the checked recipients configuration, the message, and sending it with a record.

May import runs, report, words and the base modules; never cli.
"""
