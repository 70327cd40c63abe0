"""Legality's paragraphs of the annual report (一(三)1 重大行政决策, 一(三)2 法律审查,
一(三)3 法律顾问, 一(四) 规范性文件), in the seed's phrasing (shared/seed, sections 一(三) and
一(四); the scraped copy's “凯发一触即发” stands where the regulation's name says 人民政府),
every figure an indicator of ``indicators.py`` ({CODE}; the report writes it in the
indicator's format and links it to its records). Registered from ``apps.py``; the office may
edit the words (the indicators stay).

Literal, not figures of the year: the names of the regulations (国务院《重大行政决策程序暂行
条例》, 《湖南省行政程序规定》, the district's own 《重大行政决策程序规定》) and the kinds of
documents cleaned up. 一(三)1 states no figure: it is printed where legality prints figures.
"""

from __future__ import annotations

from fazhi.core.reportparts import Part, register

MODULE = "legality"

DECISIONS = (
    "认真贯彻落实国务院《重大行政决策程序暂行条例》《湖南省行政程序规定》"
    "《芙蓉区人民政府重大行政决策程序规定》等文件要求，所有重大行政决策均遵循公众参与、专家论证、"
    "合法性审查和风险评估原则。提交区政府常务会议和区长办公会议审议议题，司法行政机关负责人全程参与。"
)
REVIEWS = (
    "一是政府文件法律审查全覆盖。以区政府名义出具的文件，涉及法律问题的，均需经司法行政机关审查"
    "通过，才可提交区领导签署；对各部门、街道上报区政府的请示、报告，凡涉及法律问题的，均提前提出"
    "合法性审查意见，供区政府领导决策参考，切实提高行政行为合法性。{year}年，共审查各类文件"
    "{LEG-DOCS-REVIEWED}，重大合同文本{LEG-CONTRACTS-REVIEWED}。二是重大事项法律干预不遗漏。"
    "在重大矛盾纠纷调处、历史遗留问题解决、企业改制、重要合同签订、国有和集体土地房屋征收等领域"
    "都加强了司法行政部门参与度，加强政府通过法律手段促进改革与发展，维护社会和谐稳定。"
)
ADVISERS = (
    "高度重视法律顾问队伍建设，鼓励各单位符合条件的人员申报成为公职律师，进一步提高区直部门、"
    "街道外聘法律顾问配备率；通过政府购买服务方式为{LEG-ADVISER-COMMUNITIES}社区（村）配备法律"
    "顾问，进一步提高基层法治水平。进一步增强政府法律顾问在行政决策过程中的参与度，充分听取法律"
    "顾问的意见和建议，发挥法律顾问在风险评估、合法性审查等行政决策程序中的作用，使法律顾问由"
    "事后补救转为事前介入，从而加强法律顾问在法治政府建设中的参谋、助手作用。"
)
NORMATIVE = (
    "严格进行规范性文件合法性审查，做到有件必备、有备必审、有错必纠。严格执行“三统一”制度，"
    "规范性文件统一登记、统一编号、统一发布，并向市委、市政府和区人大常委会备案。开展了涉及民营"
    "经济发展、知识产权保护、政务服务事项办理证明材料、外商投资等方面的规范性文件专项清理工作，"
    "对全区规范性文件逐一进行清理，对存在违背平等保护原则、不利于民营经济发展等问题的文件进行"
    "修改和废止，从源头促进依法行政。目前，区级生效规范性文件共{LEG-NORMATIVE-IN-FORCE}。"
)

PARTS = (
    Part("一(三)1", MODULE, DECISIONS),
    Part("一(三)2", MODULE, REVIEWS),
    Part("一(三)3", MODULE, ADVISERS),
    Part("一(四)", MODULE, NORMATIVE),
)


def register_parts() -> None:
    for part in PARTS:
        register(part)
