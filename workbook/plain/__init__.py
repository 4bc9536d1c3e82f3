"""The line-by-line front-end: screen readers, simple terminals and scripts."""

from workbook.plain.session import PlainSession, run_plain

__all__ = ["PlainSession", "run_plain"]
