"""The PySide6 desktop GUI over the `workstation` core."""
