"""Units of work: load rows, call the domain, commit or roll back. Never imports Flask."""
