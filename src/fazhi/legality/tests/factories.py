"""A small district for the legality tests: the government, its office (which registers,
numbers, publishes and files), the Justice Bureau (which reviews), two departments, a
street with a community and a village, the outside bodies that receive filings, and one
user per role where each acts."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories as f

from ..services import issuers, normative

D = dt.date

DRAFT = """关于促进民营经济高质量发展的若干措施
第一条 为优化营商环境，依法平等保护民营企业合法权益，制定本措施。
第二条 区人民政府各部门应当在三个工作日内办结民营企业提出的政务服务事项申请。
第三条 对符合条件的民营企业给予不超过五十万元的一次性奖励。
第四条 本措施自发布之日起施行，有效期五年。"""


class District:
    def __init__(self) -> None:
        self.gov = f.org("测试区人民政府", kind=OrgKind.DISTRICT, division_code="430102")
        self.office = f.org("测试区人民政府办公室", kind=OrgKind.OFFICE, parent=self.gov)
        self.justice = f.org("测试区司法局", parent=self.gov)
        self.dept = f.org("测试区发展和改革局", parent=self.gov)
        self.other = f.org("测试区住房和城乡建设局", parent=self.gov)
        self.street = f.org("测试街道", kind=OrgKind.STREET, parent=self.gov)
        self.community = f.org("测试社区", kind=OrgKind.COMMUNITY, parent=self.street)
        self.village = f.org("测试村", kind=OrgKind.VILLAGE, parent=self.street)
        self.city_party = f.org("测试市委", kind=OrgKind.EXTERNAL)
        self.city_gov = f.org("测试市人民政府", kind=OrgKind.EXTERNAL)
        self.congress = f.org("测试区人大常委会", kind=OrgKind.EXTERNAL)
        self.drafter = f.user(org=self.dept, role=Role.CLERK, full_name="起草人员")
        self.dept_leader = f.user(org=self.dept, role=Role.LEADER, full_name="局负责人")
        self.outsider = f.user(org=self.other, role=Role.CLERK, full_name="他局人员")
        self.reviewer = f.user(org=self.justice, role=Role.REVIEWER, full_name="审核人员甲")
        self.reviewer2 = f.user(org=self.justice, role=Role.REVIEWER, full_name="审核人员乙")
        self.justice_leader = f.user(org=self.justice, role=Role.LEADER, full_name="司法局负责人")
        self.office_clerk = f.user(org=self.office, role=Role.CLERK, full_name="办公室人员")
        self.office_leader = f.user(org=self.office, role=Role.LEADER, full_name="办公室负责人")
        self.gov_leader = f.user(org=self.gov, role=Role.LEADER, full_name="区长")
        self.supervisor = f.user(org=self.justice, role=Role.SUPERVISOR, full_name="监督人员")
        self.street_clerk = f.user(org=self.street, role=Role.CLERK, full_name="街道人员")
        self.issuer = issuers.issuer_save(
            actor=f.SYSTEM,
            org=self.gov,
            doc_prefix="测政发",
            registration_prefix="CSPR",
            registrar_org=self.office,
            review_org=self.justice,
            filing_bodies=[self.city_party, self.city_gov, self.congress],
        )

    def draft(self, on=None, **kw):
        on = on or D(2019, 3, 1)
        defaults = dict(
            actor=self.drafter,
            org=self.dept,
            issuer=self.issuer,
            title="测试区关于促进民营经济高质量发展的若干措施",
            received_on=on,
            drafters="起草人员",
            topics=["民营经济"],
            text=DRAFT,
        )
        defaults.update(kw)
        return normative.document_create(**defaults)
