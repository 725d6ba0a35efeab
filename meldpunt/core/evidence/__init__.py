# SPDX-License-Identifier: EUPL-1.2
"""Evidence parsers: chat exports and saved mails into ``meldpunt.evidence/1``."""
