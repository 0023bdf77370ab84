"""Runs: the report kernel, papermill runner, batches, locks, output layout, publishing, index.

May import report, reading, words, rules and the base modules; never mail or cli.
"""
