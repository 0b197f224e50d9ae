"""The registry of poll kinds, as CTFd registers challenge types: one module per kind.

    kinds.get(poll.kind)   the Kind of a stored value (LookupError if none is registered)
    kinds.find(value)      the same, or None: for values a client sent
    kinds.values()         the registered values, in the order the form offers them
    kinds.choices()        (value, label) pairs for the poll form

Everything that differs by kind (the form's fields, ballots, the tally, the
decision, the bars' scale, the result in words, the ballot's controls) is
asked of the Kind; nothing else says `if poll.kind == ...`. A new kind is a
module beside these with a `KIND` (a subclass of base.Kind), its name added
to BUILT_IN below, and its controls in templates/voting/kinds/<value>.html:
docs/voting.md, "Adding a poll kind".
"""

from __future__ import annotations

from govhub.voting.kinds.base import Kind

_registry: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if not kind.value or kind.value in _registry:
        raise ValueError(f"poll kind {kind.value!r} is empty or already registered")
    if len(kind.value) > 24:  # polls.kind is a VARCHAR(24)
        raise ValueError(f"poll kind {kind.value!r} is longer than 24 characters")
    _registry[kind.value] = kind
    return kind


def unregister(value: str) -> None:
    _registry.pop(value, None)


def find(value) -> Kind | None:
    return _registry.get(value) if isinstance(value, str) else None


def get(value: str) -> Kind:
    kind = find(value)
    if kind is None:
        raise LookupError(f"no poll kind {value!r} is registered")
    return kind


def values() -> list[str]:
    return list(_registry)


def choices() -> list[tuple[str, object]]:
    return [(kind.value, kind.label) for kind in _registry.values()]


from govhub.voting.kinds import multiple, ranked, single, yes_no_abstain  # noqa: E402

BUILT_IN = (yes_no_abstain, single, multiple, ranked)
for _module in BUILT_IN:
    register(_module.KIND)
