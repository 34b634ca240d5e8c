"""review: a command-line pipeline for systematic reviews."""

__version__ = "0.1.0"
