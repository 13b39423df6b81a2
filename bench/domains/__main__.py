"""Domain classification bench (see bench/domains/run.py)."""
import sys

from bench.domains.run import main

sys.exit(main())
