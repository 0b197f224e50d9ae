"""The demo's deliberation (商议): residents' comments in Chinese on the proposals still open
for them, and the duplicate rain shelter merged into the queued one.

All of it goes through the services residents and workers use: comments with a stance,
replies one level deep, an edit (its earlier wording kept), a moderator's hide with its
reason, and a merge proposed by the office and accepted by every author, so the audit
trail, the edit history, the notifications and the supports carried over are real. Only
the first eight residents (and the last, the duplicate's author) speak, so the threads
hold from the demo's smallest cast of residents up.
"""

from __future__ import annotations

from govhub.auth.models import User
from govhub.councils.models import Council
from govhub.extensions import db
from govhub.proposals import comments, merges, queries, services
from govhub.proposals.models import Proposal, ProposalComment

# A comment: (its author's index among the residents, stance, text, its replies as
# (the replier's index, text)).
QUEUED_THREAD = (
    (0, "for", "支持！每天早上七点多，东门等班车的老人有十几位，一下雨只能挤在门卫室的屋檐下，"
               "拄拐杖的还没法打伞。",
     ((3, "谢谢支持。我量过，从门卫室到班车站牌大约十五米，雨棚做这么长就够用了。"),)),
    (5, "question", "东门外那段路是不是消防通道？雨棚会不会挡住消防车进出？",
     ((1, "消防车走的是北门，东门只是人行门。不过具体位置最好还是请街道规划科来看一下。"),)),
)
# A comment its author rewords (the first wording stays on record): (index, stance, text).
EDITED = (6, "against", "雨棚建好以后容易有人在下面堆杂物，冬天积雪也得有人清理，维护费用谁来出？")
QUEUED_EDIT = ("雨棚建好以后容易有人在下面堆杂物，冬天积雪也得有人清理，维护费用谁来出？"
               "如果物业愿意负责日常清扫和维修，我可以改为支持。")
SHORT_THREAD = (
    (7, "for", "我母亲每天下午都在那儿晒太阳，两张长椅总是坐满，不少老人只好自带小马扎。", ()),
    (2, "question", "新座椅打算放在哪儿？离楼门太近的话，晚上有人聊天会不会吵到一楼的住户？",
     ((4, "打算放在小广场西侧的树荫下，离楼门二十多米，晚上应该影响不大。"),)),
    (1, "against", "小广场本来就不大，再放四张座椅，孩子们骑滑板车的地方就没了。建议先加两张试试。",
     ()),
)
# A comment a worker hides, and the reason residents see in its place.
HIDDEN = (6, "against", "又是4号楼那几个人天天占着长椅打牌，吵得要命，加了座椅也是给他们用！")
HIDDEN_REASON = "针对其他住户的指责，与提议本身无关，请就事论事。"

# The duplicate: (title, body, category, author's index among the residents: the last).
DUPLICATE = ("东门班车站搭个遮雨棚", "东门等班车的地方没有任何遮挡，夏天晒、雨天淋，老人和孩子都"
             "很不方便。建议在班车站牌旁边搭一个遮雨棚。", "facilities", -1)
DUPLICATE_COMMENT = (0, "question", "这和《小区东门加装雨棚》说的是同一件事吧？两边分开征集，"
                                   "支持的人都被分散了，能不能合成一个？")
MERGE_REASON = "两项提议都是在东门班车站加装雨棚，合并后一起征集支持、一起评估。"


def load_demo_threads(worker: User, residents: list[User], queued: Proposal,
                      short: Proposal) -> None:
    """Deliberation on the queued and the short proposals: every stance, replies, one edited
    comment and one hidden by the office with its reason."""
    _thread(residents, queued, QUEUED_THREAD)
    against = _comment(residents, queued, EDITED)
    comments.edit_comment(residents[EDITED[0]], against, QUEUED_EDIT, stance=against.stance)
    _thread(residents, short, SHORT_THREAD)
    comments.hide_comment(worker, _comment(residents, short, HIDDEN), HIDDEN_REASON)


def merge_duplicate(worker: User, council: Council, residents: list[User],
                    target: Proposal) -> Proposal:
    """A second resident asks for the same rain shelter, with supporters of their own (some
    already support the target); the office proposes to merge it into the target, every
    author accepts, and its supports carry over, each person counted once."""
    title, body, category, author_index = DUPLICATE
    author = residents[author_index]
    duplicate = services.create_proposal(author, council, title=title, body=body,
                                         category=category, publish=True)
    # One short of its threshold, so it is still collecting when it is merged.
    for resident in _duplicate_supporters(residents, target, author, duplicate.threshold - 2):
        services.support_proposal(resident, duplicate)
    _comment(residents, duplicate, DUPLICATE_COMMENT)
    merge = merges.propose_merge(worker, duplicate, target, MERGE_REASON)
    for author_id in sorted(merges.author_ids(merge)):  # the co-author too
        merges.answer_merge(db.session.get(User, author_id), merge, accept=True)
    return duplicate


def _thread(residents: list[User], proposal: Proposal, thread) -> None:
    for index, stance, text, replies in thread:
        parent = _comment(residents, proposal, (index, stance, text))
        for replier, reply in replies:
            comments.post_comment(residents[replier], proposal, reply, parent=parent)


def _comment(residents: list[User], proposal: Proposal, comment) -> ProposalComment:
    index, stance, text = comment
    return comments.post_comment(residents[index], proposal, text, stance=stance)


def _duplicate_supporters(residents: list[User], target: Proposal, author: User,
                          count: int) -> list[User]:
    """`count` residents, taken in turn from the target's supporters (counted once after the
    merge) and from residents who support neither (new to the target)."""
    on_target = set(queries.supporter_ids(target.id))
    both = [r for r in residents if r.id in on_target and r.id != target.author_id]
    fresh = [r for r in reversed(residents) if r.id not in on_target and r.id != author.id]
    return [r for pair in zip(both, fresh, strict=False) for r in pair][:count]
