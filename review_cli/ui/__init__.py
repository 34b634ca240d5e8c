"""Everything that draws on the terminal. Only `cli` imports this package."""
