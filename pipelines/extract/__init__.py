"""Pure extraction code: strings in, facts out. No Dagster, no database, no table anywhere below here.

Three parts, each using only the ones before it:

    text/       bytes of an input file → records of text, and the reading view extractors scan
    documents/  a record's text → documents, each typed, placed (division code) and dated
    facts/      one document's text → its facts (targets, outcomes, projects, funds, dates)

vocabulary.py says where the word lists (vocab/) and data sets (data/) are; every part reads them.
The Dagster side (pipelines/defs/assets/) calls the parts and maps what they return to tables.
"""
