"""Question bank interchange: GIFT (export and import), Moodle XML and QTI 2.1 (export).

Pure functions over plain question dicts shaped like bank-file entries (id, type, stem,
choices, answer, accepted, explanation, source, generator) plus ``section_id`` and
``section_title``, so that they serve bank files and the database alike.
"""
