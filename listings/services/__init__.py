"""Writes with rules or side effects, as plain keyword-only functions named <thing>_<action>."""
