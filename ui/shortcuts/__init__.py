"""The newsroom code replacements in the app: expansion as the editor types, and the list's manager."""
