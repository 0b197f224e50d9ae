"""The demo street office, 幸福街道, and its work-item catalogue (社区工作事项清单).

The items follow the lists street offices publish under the 2024 national rules: duties
by law, tasks assisting the government, a negative list, the certificates a community may
issue (only those the 2020 list leaves with it) and the placards allowed outside.
"""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa

from govhub.admission.catalogue.models import Street
from govhub.admission.catalogue.queries import current_version, street_id_of
from govhub.admission.catalogue.rules import COLUMNS
from govhub.admission.catalogue.services import import_catalogue, place_community
from govhub.communities.models import Community
from govhub.extensions import db

STREET_NAME = "幸福街道"

ORGANIC_LAW = "《中华人民共和国城市居民委员会组织法》"
# code, name, name_en, list type, legal basis, lead department, community's role,
# deliverables, frequency, hours per month, resources, assessable, from, to
ITEMS = [
    ("YF-001", "居民委员会换届选举", "Residents' committee election", "duty_by_law",
     ORGANIC_LAW + "第八条", "街道办事处（民政科）", "组织选民登记、提名和投票",
     "选民名册、选举结果报告", "每五年一次", "6", "选举工作经费由街道保障", "no",
     "2026-01-01", ""),
    ("YF-002", "居民会议和居务公开", "Residents' meetings and disclosure", "duty_by_law",
     ORGANIC_LAW + "第四条、第十条", "街道办事处", "召集居民会议，公开居务",
     "会议记录、公开栏", "每季度", "8", "", "no", "2026-01-01", ""),
    ("YF-003", "人民调解", "Mediation of disputes", "duty_by_law",
     "《中华人民共和国人民调解法》第八条", "司法所", "设立调解委员会，调解邻里纠纷",
     "调解台账", "随时", "10", "调解员培训每年两次", "no", "2026-01-01", ""),
    ("XZ-001", "城乡居民医保参保登记", "Residents' health insurance enrolment",
     "assisting_government", "《中华人民共和国社会保险法》第二十五条", "医疗保障局",
     "宣传政策，协助登记", "参保登记表", "每年集中一次", "12",
     "医保局派员驻点两周，提供培训", "no", "2026-01-01", "2026-12-31"),
    ("XZ-002", "高龄津贴申报初审", "First check of old-age allowance claims",
     "assisting_government", "《中华人民共和国老年人权益保障法》第三十三条", "民政局",
     "受理申请，核对材料后报街道", "申报表、初审意见", "每月", "4", "", "no",
     "2026-01-01", ""),
    ("XZ-003", "社区矫正协助", "Helping with community corrections", "assisting_government",
     "《中华人民共和国社区矫正法》第十二条", "司法所", "协助了解矫正对象情况",
     "走访记录", "每月", "3", "", "no", "2026-01-01", ""),
    ("XZ-004", "人口普查入户登记", "Census household visits", "assisting_government",
     "《全国人口普查条例》第十二条", "统计局", "选派普查员入户登记",
     "普查表（由统计部门提供系统）", "每十年一次", "20",
     "普查员补贴由统计局承担，开展专项培训", "no", "2030-10-01", "2030-12-31"),
    ("XZ-005", "退役军人信息采集", "Veterans' information", "assisting_government",
     "《中华人民共和国退役军人保障法》第十三条", "退役军人事务局", "协助通知和核对信息",
     "信息采集表", "按需", "2", "", "no", "2026-01-01", ""),
    ("FM-001", "招商引资", "Attracting investment", "negative_list", "", "商务局", "", "", "",
     "0", "", "no", "", ""),
    ("FM-002", "安全生产执法检查", "Workplace safety enforcement", "negative_list", "",
     "应急管理局", "", "", "", "0", "", "no", "", ""),
    ("FM-003", "违法建设拆除", "Demolishing illegal buildings", "negative_list", "",
     "城市管理综合执法局", "发现后报告执法部门", "", "", "0", "", "no", "", ""),
    ("FM-004", "创建达标评比的数据填报", "Form-filling for ranking campaigns", "negative_list",
     "《整治形式主义为基层减负若干规定》", "各部门", "", "", "", "0", "", "no", "", ""),
    ("ZM-001", "居住证申领的居住证明", "Proof of residence for a residence permit",
     "certificate", "《居住证暂行条例》第九条", "公安派出所", "核实居住情况后出具",
     "居住证明", "按需", "3", "", "no", "2026-01-01", ""),
    ("ZM-002", "养老金领取资格认证协助", "Helping with pension eligibility checks",
     "certificate", "", "人力资源和社会保障局", "为行动不便的老人协助认证",
     "认证记录", "每年", "2", "", "no", "2026-01-01", ""),
    ("GP-001", "党群服务中心", "Party and public service centre", "placard", "", "街道党工委",
     "", "", "", "0", "", "no", "", ""),
    ("GP-002", "社区居民委员会", "Residents' committee", "placard", "", "街道办事处",
     "", "", "", "0", "", "no", "", ""),
]


def demo_catalogue_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(ITEMS)
    return out.getvalue()


def load_demo_catalogue(community: Community, admin) -> Street:
    """The street holding the demo community, with version 1 of its catalogue (once)."""
    street = db.session.scalar(sa.select(Street).where(Street.name == STREET_NAME))
    if street is None:
        street = Street(name=STREET_NAME, name_en="Xingfu Street")
        db.session.add(street)
        db.session.flush()
    if street_id_of(community) is None:
        place_community(admin, community, street)
    if current_version(street.id) is None:
        import_catalogue(admin, street, demo_catalogue_csv(),
                         note="幸福街道社区工作事项清单（2026 年版）")
    return street
