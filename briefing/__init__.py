"""briefing: turn a folder of news and opinion articles into a neutral, sourced briefing."""

__version__ = "0.1.0"
