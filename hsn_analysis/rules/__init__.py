"""The rules: pure calculation on a checked dataset (fulfilment, statuses, roll-ups, changes).

May import only the base modules (periods, vocabulary, problems, dataset); never words, reading,
report, runs, mail or cli. Everything here returns new frames and says nothing in Swedish.
"""
