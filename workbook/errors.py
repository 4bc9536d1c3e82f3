"""Errors that reach a person. Each carries one plain sentence as its message."""


class WorkbookError(Exception):
    """Base for every error we expect and explain; the CLI prints str(error) and exits."""

    exit_code = 1


class UsageError(WorkbookError):
    exit_code = 2
