"""Everything that speaks HTTP: guards, presentation, shared form parts and one package per area."""
