"""Broken and hostile files, each named for what is wrong with it.

exercises/*.yaml and config/*.yaml open with `# expect: LINE FIELD: words` lines: every
problem the loader must report, in order (`# expect-catalog:` for one that only shows
when the whole folder is loaded, `# settings: name = value` for what a settings file
still sets). generated.py writes the ones that cannot be committed as they are.
"""
