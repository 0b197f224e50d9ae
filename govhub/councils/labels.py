"""Councils in words: kinds, roles and rule sets as people read them, translated when shown."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.councils.models import CouncilKind, MemberRole
from govhub.councils.rules import RULE_SETS, PassingBase, RuleSet, Share

KIND_LABELS = {
    CouncilKind.RESIDENTS_MEETING: _l("Residents' meeting"),
    CouncilKind.REPRESENTATIVES_MEETING: _l("Residents' representatives' meeting"),
    CouncilKind.DELIBERATION_COUNCIL: _l("Deliberation council"),
    CouncilKind.BUILDING_COUNCIL: _l("Building council"),
}

MEMBER_ROLE_LABELS = {
    MemberRole.CHAIR: _l("Chair"),
    MemberRole.SECRETARY: _l("Secretary"),
    MemberRole.MEMBER: _l("Member"),
    MemberRole.OBSERVER: _l("Observer (no vote)"),
}

RULE_SET_LABELS = {
    "organic_law": _l("Residents' meeting rule of the Organic Law"),
    "simple_majority": _l("Simple majority of votes cast"),
    "two_thirds": _l("Two-thirds of votes cast"),
    "majority_of_members": _l("Majority of all members"),
}

RULE_SET_SUMMARIES = {
    "organic_law": _l("The meeting needs more than half of those entitled to attend; a "
                      "motion passes with the votes of more than half of those present."),
    "simple_majority": _l("The meeting needs more than half of the members; a motion passes "
                          "when yes outweighs no. Abstentions do not count."),
    "two_thirds": _l("The meeting needs more than half of the members; a motion passes with "
                     "at least two-thirds of the yes and no votes. Abstentions do not count."),
    "majority_of_members": _l("The meeting needs more than half of the members; a motion "
                              "passes only with the yes votes of more than half of all "
                              "members, present or not."),
}

_BASES = {
    PassingBase.CAST: _l("yes + no"),
    PassingBase.CAST_WITH_ABSTENTIONS: _l("yes + no + abstain"),
    PassingBase.PRESENT: _l("present"),
    PassingBase.ENTITLED: _l("all members"),
}


def kind_label(kind) -> str:
    try:
        return str(KIND_LABELS[CouncilKind(kind)])
    except ValueError:
        return str(kind)


def member_role_label(role) -> str:
    try:
        return str(MEMBER_ROLE_LABELS[MemberRole(role)])
    except ValueError:
        return str(role)


def rule_set_label(key: str) -> str:
    label = RULE_SET_LABELS.get(key)
    return str(label) if label is not None else key


def rule_set_choices() -> list[tuple[str, str]]:
    return [(key, RULE_SET_LABELS.get(key, key)) for key in RULE_SETS]


def _comparison(share: Share) -> str:
    return f"{'>' if share.strict else '≥'} {share.numerator}/{share.denominator} ×"


def quorum_formula(rules: RuleSet) -> str:
    """E.g. "present > 1/2 × entitled": weights, proxies of present holders counted."""
    return _("present %(comparison)s entitled", comparison=_comparison(rules.quorum))


def passing_formula(rules: RuleSet) -> str:
    """E.g. "yes ≥ 2/3 × (yes + no)"."""
    base = str(_BASES[rules.passing_base])
    if " " in base:
        base = f"({base})"
    return _("yes %(comparison)s %(base)s", comparison=_comparison(rules.passing), base=base)


def rule_set_explained(key: str) -> dict[str, str]:
    """Everything a page shows about a rule set: its name, its sense and its formulas."""
    rules = RULE_SETS.get(key)
    if rules is None:
        return {"label": key, "summary": "", "quorum": "", "passing": ""}
    return {"label": rule_set_label(key), "summary": str(RULE_SET_SUMMARIES.get(key, "")),
            "quorum": quorum_formula(rules), "passing": passing_formula(rules)}
