"""Text that arrives by paste or drop, made into clean blocks: wire copy and pages copied from a browser.

Wire copy comes as plain text hard-wrapped at about 70 characters with a blank line between
paragraphs; a browser's HTML brings `<div>`s, `<br><br>` for paragraph breaks and runs of
no-break spaces. Either way the editor wants one block per paragraph, single spaces, and
no line breaks at a paragraph's edges.
"""

from __future__ import annotations

import re

from workstation.body.blocks import LINE_BREAK, Block, Run, merge_runs

_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007]{2,}|[\t\u00a0\u202f\u2007]")
_PARAGRAPH_BREAK = re.compile(f"{LINE_BREAK}[ \\t\u00a0]*{LINE_BREAK}[{LINE_BREAK} \\t\u00a0]*")


def plain_text_blocks(text: str) -> list[Block]:
    """Paragraphs of pasted plain text: split at blank lines when there are any (lines inside one
    paragraph are joined), else one paragraph per line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    if any(not line.strip() for line in lines):
        paragraphs, current = [], []
        for line in lines:
            if line.strip():
                current.append(line)
            elif current:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    else:
        paragraphs = lines
    return [Block("p", (Run(text),)) for text in (_squeeze(p) for p in paragraphs) if text]


def tidy_blocks(blocks: list[Block]) -> list[Block]:
    """Pasted blocks with a paragraph break (two line breaks) made two paragraphs, spaces squeezed,
    line breaks and spaces at each block's edges dropped, and empty blocks left out."""
    tidy: list[Block] = []
    for block in blocks:
        for runs in _split_at_paragraph_breaks(block.runs) if block.kind == "p" else [block.runs]:
            runs = _trim(tuple(Run(_SPACES.sub(" ", r.text), r.strong, r.em, r.href) for r in runs))
            if runs:
                tidy.append(block._replace(runs=merge_runs(runs)))
    return tidy


def _squeeze(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _split_at_paragraph_breaks(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    parts: list[list[Run]] = [[]]
    for run in runs:
        pieces = _PARAGRAPH_BREAK.split(run.text)
        for n, piece in enumerate(pieces):
            if n:
                parts.append([])
            if piece:
                parts[-1].append(run._replace(text=piece))
    return [tuple(part) for part in parts]


def _trim(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    edge = f" {LINE_BREAK}"
    runs = list(runs)
    while runs and not runs[0].text.lstrip(edge):
        runs.pop(0)
    while runs and not runs[-1].text.rstrip(edge):
        runs.pop()
    if runs:
        runs[0] = runs[0]._replace(text=runs[0].text.lstrip(edge))
        runs[-1] = runs[-1]._replace(text=runs[-1].text.rstrip(edge))
    return tuple(runs)
