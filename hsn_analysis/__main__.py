"""`python -m hsn_analysis` is `hsn-report`."""

import sys

from hsn_analysis.cli import main

sys.exit(main())
