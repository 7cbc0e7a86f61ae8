"""Between the content bundle's `sections` and a guide's StreamField.

A bundle section `{"heading": str, "body": html}` is one `section` block.
A translation must keep the source's block ids (wagtail-localize pairs the
strings of a translation with its source by block id), so the translated
stream is built on the source's: section blocks in order get the translated
texts, any other block is copied as it is.
"""

import copy
import uuid


def _section(heading, body, block_id=None):
    return {"type": "section", "value": {"heading": heading, "body": body}, "id": block_id or str(uuid.uuid4())}


def sections_to_stream(sections):
    """Raw StreamField data for a source-language guide."""
    return [_section(section["heading"], section["body"]) for section in sections]


def translated_stream(source_stream, sections):
    """Raw StreamField data for a translation of `source_stream` (a StreamValue).

    Raises ValueError when the numbers of section blocks differ: a translation
    has the source's structure.
    """
    raw = copy.deepcopy(list(source_stream.raw_data))
    section_blocks = [block for block in raw if block["type"] == "section"]
    if len(section_blocks) != len(sections):
        raise ValueError(f"the source has {len(section_blocks)} section(s), the translation {len(sections)}")
    for block, section in zip(section_blocks, sections, strict=True):
        block["value"] = {**block["value"], "heading": section["heading"], "body": section["body"]}
    return raw


def stream_to_sections(stream):
    """The section blocks of a guide as bundle sections (other block types have no bundle form)."""
    return [
        {"heading": block.value["heading"], "body": block.value["body"].source}
        for block in stream
        if block.block_type == "section"
    ]
