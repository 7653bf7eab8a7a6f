import sys

from tcdesk.cli import main

sys.exit(main())
