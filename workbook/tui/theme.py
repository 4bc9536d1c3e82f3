"""The workbook's own calm theme: soft contrast, muted blue-green, nothing that shouts."""

from textual.theme import Theme

CALM_THEME_NAME = "workbook-calm"

CALM_THEME = Theme(
    name=CALM_THEME_NAME,
    primary="#7FB3C8",
    secondary="#8FB8A8",
    accent="#C9B38A",
    warning="#D9B26F",
    error="#D08C8C",
    success="#8FBF9A",
    foreground="#DCE3E6",
    background="#1E2529",
    surface="#263036",
    panel="#2D3940",
    dark=True,
)
