"""Imports: spreadsheets (xlsx, csv) into catalogs and control files, all or nothing."""
