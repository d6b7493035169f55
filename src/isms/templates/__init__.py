"""Files `isms init` writes into a new ISMS repository (package data)."""
