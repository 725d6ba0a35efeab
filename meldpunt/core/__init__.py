# SPDX-License-Identifier: EUPL-1.2
"""The domain core: plain Python, no Django imports."""
