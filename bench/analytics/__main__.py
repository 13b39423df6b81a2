import sys

from bench.analytics.run import main

sys.exit(main())
