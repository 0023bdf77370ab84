"""`python -m hsn_analysis` is `hsn-report`."""

from hsn_analysis.cli.process_exit import run

run()
