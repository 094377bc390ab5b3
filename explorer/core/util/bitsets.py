"""Sets of rows as Python integers (bit ``i`` = row ``i``), and counters over them.

Big-integer ANDs and ORs run at C speed, so a question about every row of a 100,000-point
catalog costs a few operations rather than a loop (see :mod:`explorer.core.compare`)."""

from __future__ import annotations

from collections.abc import Iterable


def bits_from(indices: Iterable[int], size: int) -> int:
    """A row set from row indices."""
    buffer = bytearray((size + 7) // 8)
    for i in indices:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def indices_of(bits: int) -> list[int]:
    """The row indices in a row set, ascending."""
    if not bits:
        return []
    text = bin(bits)[:1:-1]  # least significant bit first
    out: list[int] = []
    find = text.find
    i = find("1")
    while i >= 0:
        out.append(i)
        i = find("1", i + 1)
    return out


def add_to_counter(planes: list[int], bits: int) -> None:
    """Add 1 for every row in ``bits`` to a bit-sliced counter (``planes[i]``: the rows whose
    count has bit ``i`` set)."""
    carry = bits
    for i, plane in enumerate(planes):
        if not carry:
            return
        planes[i], carry = plane ^ carry, plane & carry
    if carry:
        planes.append(carry)


def count_at_least(planes: list[int], h: int, every: int) -> int:
    """The rows whose bit-sliced count is at least ``h``."""
    if h >= 1 << len(planes):
        return 0
    greater, equal = 0, every
    for i in range(len(planes) - 1, -1, -1):
        if (h >> i) & 1:
            equal &= planes[i]
        else:
            greater |= equal & planes[i]
            equal &= ~planes[i]
    return greater | equal


def row_bytes(bits: int, size: int, value: int) -> int:
    """``bits`` as one byte per row (``value`` where set, 0 elsewhere), read as an int."""
    text = bin(bits)[:1:-1].ljust(size, "0")  # least significant (row 0) first
    return int.from_bytes(text.encode("ascii").translate(_BYTE_TABLES[value]), "little")


_BYTE_TABLES = [bytes((value if c == 0x31 else 0) for c in range(256)) for value in range(256)]
ONE_WHERE_ZERO = bytes([1] + list(range(1, 256)))
