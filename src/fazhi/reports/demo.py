"""The demo district's 2019 report: generated from the demo year on 2 March 2020, its words
(the opening, 二、存在的问题, 三、下一步工作思路) as the seed's drafters wrote them, submitted
on 10 March, signed and published on 17 March 2020 (the seed's date). Runs after every
domain's demo step (``fazhi.reports`` is the last domain in ``INSTALLED_APPS``), so the report
carries every figure of the domains present.
"""

from __future__ import annotations

import datetime as dt

from fazhi.core.demo import ACTOR
from fazhi.core.models import Organisation

from . import services

OPENING = (
    "2019年，在市委、市政府的坚强领导下，芙蓉区坚持以习近平新时代中国特色社会主义"
    "思想为引领，认真贯彻中央和省市关于法治建设的新精神、新要求，以建设“法治芙蓉”为"
    "目标，深入推进依法治区和法治政府建设，为全区治理现代化和高质量发展提供了坚强的法"
    "治保障。现报告如下："
)

PROBLEMS = (
    "我区法治政府建设虽然取得了一定成绩，但仍存在不足，主要表现在：一是依法行政相关工"
    "作机制仍需进一步完善和落实，少数政府工作人员运用法治思维和法治方式推动工作、解决"
    "问题的能力还有待加强；二是一些部门还不同程度上存在行政职权履行不充分、执法落实不"
    "到位情况。"
)

NEXT_STEPS = (
    "2020年是《法治政府建设实施纲要（2015-2020）》收官之年，也是纵深推进"
    "“四个芙蓉”建设的关键之年，意义重大、影响深远、任务艰巨。始终紧紧围绕区委五届十"
    "六次全会提出的年度目标任务，更加自觉运用法治思维和法治方式推动依法行政、依法治理"
    "，勇当治理现代化和高质量发展排头兵。\n"
    "1.高度重视，加强整体谋划推进。法治政府建设是全面依法治国的重点和关键，是一项系"
    "统工程，各部门、各街道党政负责人要切实担负起法治政府建设第一责任人责任，对法治政"
    "府建设加强主动谋划，明确本辖区、本部门的工作任务和具体措施，扎实推进法治政府建设"
    "各项工作。\n"
    "2.抓住重点，补齐依法行政短板。持续深化相对集中行政许可权改革，敢于先行先试，进"
    "一步提高审批效率。大力推进相对集中行政处罚改革，优化整合执法队伍，落实执法责任，"
    "提高行政执法规范化水平和效能，打造改革样板。加强法制机构和法制队伍建设，区政府和"
    "各部门、街道配齐配强法制工作人员，充分发挥法制机构和法制人员在法治政府建设中的关"
    "键作用。在信访、诉讼和矛盾纠纷高发领域，加强依法行政指导监督，切实提高依法行政能"
    "力，预防和化解社会矛盾纠纷。\n"
    "3.加强教育，树牢依法行政意识。加强法制培训，政府工作人员特别是领导干部要系统学"
    "习中国特色社会主义法治理论，学好宪法以及与自己所承担工作密切相关的法律法规。强化"
    "用人法治导向，抓住领导干部这个全面依法治国的“关键少数”，把法治观念强不强、法治"
    "素养好不好作为衡量干部德才的重要标准，树牢依法行政意识，切实提高依法行政能力。"
)


def load() -> None:
    gov = Organisation.objects.get(name="长沙市芙蓉区人民政府")
    r = services.report_generate(actor=ACTOR, org=gov, year=2019, on=dt.date(2020, 3, 2))
    services.report_edit(
        actor=ACTOR, report=r, opening=OPENING, problems=PROBLEMS, next_steps=NEXT_STEPS
    )
    services.report_submit(actor=ACTOR, report=r, on=dt.date(2020, 3, 10))
    services.report_approve(actor=ACTOR, report=r, on=dt.date(2020, 3, 17))
    services.report_publish(actor=ACTOR, report=r, on=dt.date(2020, 3, 17))
