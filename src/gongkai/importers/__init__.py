"""Importers: turn what offices have (published text, Excel workbooks, Word documents) into the data format.

Each importer returns an :class:`~gongkai.importers.result.ImportedDisclosure`; :mod:`.writer` writes it
as a disclosure folder.  Nothing is invented: a figure that cannot be placed is reported, not guessed.
"""
