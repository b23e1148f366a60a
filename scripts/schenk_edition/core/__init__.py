"""The lowest layer: facts that need nothing of the edition — findings, paths, the one URL and id builders,
text helpers, YAML reading. Imports nothing of the package."""
