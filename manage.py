#!/usr/bin/env python
# SPDX-License-Identifier: EUPL-1.2
"""Django's manage.py, for those who expect it; ``meldpunt`` does the same."""

import sys

from meldpunt.cli import main

if __name__ == "__main__":
    sys.exit(main())
