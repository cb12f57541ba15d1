"""The newsroom's code replacements: typing `=code=` expands to a stored text."""
