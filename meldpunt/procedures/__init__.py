# SPDX-License-Identifier: EUPL-1.2
"""Procedure definition files shipped with Meldpunt."""
