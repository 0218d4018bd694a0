"""Pure rules: no Flask, no database, no clock, no configuration; values in, values out."""
