# SPDX-License-Identifier: EUPL-1.2
"""Log lines for operators: an event name followed by its key=value context."""

import logging
import time

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class EventFormatter(logging.Formatter):
    # Operators correlate logs across machines: UTC, ISO 8601, marked Z.
    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = {
            key: value for key, value in vars(record).items() if key not in _STANDARD
        }
        if not context:
            return line
        pairs = " ".join(f"{key}={value}" for key, value in sorted(context.items()))
        return f"{line} {pairs}"
