"""Taking a workbook elsewhere: exports (Markdown, JSON, CSV) and imports (JSON).

Pure functions over the store's small interface: no Textual, no TinyDB. The CLI and
the TUI both call these, so a file written by one is the file written by the other.
"""
