"""workbook: a calm terminal workbook for self-guided therapy exercises."""

__version__ = "0.1.0"
