"""A small reader of SQLite's b-tree pages, to see where rows physically lie.

Written from the file format's documentation (sqlite.org/fileformat2.html,
§1.6 b-tree pages, §2.1 records). It reads what the tests need: every cell
of one b-tree (table or index, leaf or interior) with its page and offset
and decoded record, and the page's unused space (the gap between the cell
pointers and the cell content, and the freeblocks), where deleted cells
would linger.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

LEAF_TABLE, INTERIOR_TABLE, LEAF_INDEX, INTERIOR_INDEX = 0x0D, 0x05, 0x0A, 0x02


@dataclass(frozen=True)
class Cell:
    page: int
    offset: int  # of the cell's content within its page
    rowid: int | None  # table b-trees only
    values: tuple  # the decoded record (index b-trees, table leaves)


@dataclass(frozen=True)
class Space:
    page: int
    offset: int
    data: bytes  # bytes no cell uses: zero once a deleted cell is wiped
    gap: bool  # between the cell pointers and the cells (else: a freeblock)

    def leftovers(self, page_size: int) -> list[bytes]:
        """What is not zero, past what SQLite itself leaves in unused space.

        A page's cell pointer array shrinks without clearing its end, so the
        gap may begin with stale 2-byte pointers (offsets into the page, no
        data of a row); a free block's first four bytes are its link and
        size, and stay when the block later joins the gap. Every cell of a
        GovHub table is longer than four bytes.
        """
        data, start = self.data, 0
        while self.gap and start + 2 <= len(data) and (
                self.offset < int.from_bytes(data[start:start + 2], "big") < page_size):
            start += 2
        return [run for run in re.split(rb"\0+", data[start:]) if len(run) > 4]


class Database:
    def __init__(self, path: Path):
        self.data = path.read_bytes()
        size = struct.unpack(">H", self.data[16:18])[0]
        self.page_size = 65536 if size == 1 else size
        self.usable = self.page_size - self.data[20]

    def page(self, number: int) -> bytes:
        start = (number - 1) * self.page_size
        return self.data[start:start + self.page_size]

    def cells(self, root: int) -> list[Cell]:
        """Every cell of the b-tree rooted at `root`, interior ones included."""
        found: list[Cell] = []
        pages = [root]
        while pages:
            number = pages.pop()
            kind, cells, children = self._read_page(number)
            found.extend(cells)
            pages.extend(children)
        return found

    def unused_space(self, root: int) -> list[Space]:
        """Each page's gap and freeblocks: where a deleted cell's bytes would remain."""
        spaces: list[Space] = []
        pages = [root]
        while pages:
            number = pages.pop()
            page, header = self.page(number), 100 if number == 1 else 0
            kind, cells, children = self._read_page(number)
            pages.extend(children)
            count = struct.unpack(">H", page[header + 3:header + 5])[0]
            content = struct.unpack(">H", page[header + 5:header + 7])[0] or 65536
            pointers_end = header + (8 if kind in (LEAF_TABLE, LEAF_INDEX) else 12) + 2 * count
            spaces.append(Space(number, pointers_end, page[pointers_end:content], True))
            free = struct.unpack(">H", page[header + 1:header + 3])[0]
            while free:
                following, size = struct.unpack(">HH", page[free:free + 4])
                # A freeblock's first four bytes link the list; the rest was a cell.
                spaces.append(Space(number, free + 4, page[free + 4:free + size], False))
                free = following
        return spaces

    def _read_page(self, number: int) -> tuple[int, list[Cell], list[int]]:
        page, header = self.page(number), 100 if number == 1 else 0
        kind = page[header]
        if kind not in (LEAF_TABLE, INTERIOR_TABLE, LEAF_INDEX, INTERIOR_INDEX):
            raise ValueError(f"page {number} is not a b-tree page (type {kind})")
        count = struct.unpack(">H", page[header + 3:header + 5])[0]
        interior = kind in (INTERIOR_TABLE, INTERIOR_INDEX)
        pointers = header + (12 if interior else 8)
        children = [struct.unpack(">I", page[header + 8:header + 12])[0]] if interior else []
        cells = []
        for n in range(count):
            offset = struct.unpack(">H", page[pointers + 2 * n:pointers + 2 * n + 2])[0]
            at, rowid, values = offset, None, ()
            if interior:
                children.append(struct.unpack(">I", page[at:at + 4])[0])
                at += 4
            if kind == INTERIOR_TABLE:
                rowid, at = varint(page, at)
            else:
                size, at = varint(page, at)
                if kind == LEAF_TABLE:
                    rowid, at = varint(page, at)
                if size > self.usable - 35:
                    raise ValueError("overflow pages are not read; keep the test's rows small")
                values = record(page[at:at + size])
            cells.append(Cell(number, offset, rowid, values))
        return kind, cells, children


def varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's big-endian variable-length integer at `at`: (value, the offset after it)."""
    value = 0
    for n in range(9):
        byte = data[at + n]
        if n == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + n + 1
    raise AssertionError("unreachable")


def record(payload: bytes) -> tuple:
    """Decode a record: a header of serial types, then the values."""
    header_size, at = varint(payload, 0)
    types = []
    while at < header_size:
        serial, at = varint(payload, at)
        types.append(serial)
    values, at = [], header_size
    int_sizes = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}
    for serial in types:
        if serial == 0:
            values.append(None)
        elif serial in int_sizes:
            size = int_sizes[serial]
            values.append(int.from_bytes(payload[at:at + size], "big", signed=True))
            at += size
        elif serial == 7:
            values.append(struct.unpack(">d", payload[at:at + 8])[0])
            at += 8
        elif serial in (8, 9):
            values.append(serial - 8)
        else:
            size = (serial - 12) // 2 if serial % 2 == 0 else (serial - 13) // 2
            raw = payload[at:at + size]
            values.append(raw if serial % 2 == 0 else raw.decode())
            at += size
    return tuple(values)


def kendall(ranks: list[tuple[int, int]]) -> float:
    """Kendall's τ between two orders, over the pairs of items in the same group.

    `ranks` lists (group, rank) in the first order (say, cells as they lie,
    grouped by page); the rank is the item's place in the second (arrival).
    1: the same order, -1: reversed, about 0: unrelated. Pairs in different
    groups (pages) are left out: which page a cell is on depends on its key.
    """
    concordant = discordant = 0
    for n, (group, rank) in enumerate(ranks):
        for other_group, other_rank in ranks[n + 1:]:
            if group == other_group:
                concordant += other_rank > rank
                discordant += other_rank < rank
    if not concordant + discordant:
        raise ValueError("no two items share a group")
    return (concordant - discordant) / (concordant + discordant)
