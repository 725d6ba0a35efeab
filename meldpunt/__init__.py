# SPDX-License-Identifier: EUPL-1.2
"""Meldpunt: report and handle security incidents and data breaches."""
