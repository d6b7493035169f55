"""Framework catalogs shipped with the package (YAML data files, schema: ``CatalogDoc``)."""
