"""Triage: requests for government information versus 信访, 投诉, 举报 and 办事咨询 (art. 39)."""

import pytest

from bot.assist.triage import TriageKind, triage

DISCLOSURE = [
    "请公开2024年区市场监管局投诉处理结果的统计数据",
    "申请公开12345热线2023年受理的投诉件数",
    "我想了解去年全区信访事项办理情况的统计",
    "请提供《信访工作条例》实施细则",
    "申请公开本市举报奖励办法",
    "我想知道去年全区投诉处理结果",
    "请公开2023年平潭综合实验区财政预算",
    "岚综管规〔2024〕4号文件全文",
    "申请政府信息公开需要什么材料",
    "申请获取某某路拓宽工程的征地批复文件",
    "請公開2022年本區土地徵收補償標準",
    "關於信訪事項辦理情況的年度通報",
    "申请公开环保局2023年受理举报的数量和查处情况",
    "请提供某某小区规划许可证及总平面图",
    "2019年以来区政府常务会议纪要",
    "申请公开本街道2024年低保户名单公示",
    "請提供貴局2023年度政府信息公開工作年度報告",
    "某某村2022年土地征收补偿安置方案",
    "学校周边道路改造工程的环评批复",
    "申请公开市场监管局关于投诉举报处理的工作规定",
    "某某河道整治项目的招标文件和中标公告",
    "我想申请公开我去年投诉的答复书",
    "请提供2023年全区行政处罚决定书目录",
]

NOT_DISCLOSURE = [
    ("我要投诉你们窗口工作人员态度恶劣", TriageKind.COMPLAINT),
    ("怎么投诉物业乱收费？", TriageKind.COMPLAINT),
    ("請問怎麼投訴社區醫院", TriageKind.COMPLAINT),
    ("环保局不作为，工厂噪音扰民一年没人管", TriageKind.COMPLAINT),
    ("想投诉一下街道办的工作人员推诿", TriageKind.COMPLAINT),
    ("实名举报村支书贪污扶贫款", TriageKind.REPORT),
    ("我要举报隔壁工厂夜里偷排污水", TriageKind.REPORT),
    ("檢舉某局長受賄", TriageKind.REPORT),
    ("哪里可以举报违建", TriageKind.REPORT),
    ("开发商拖欠我们的工资半年了，请政府帮忙解决", TriageKind.PETITION),
    ("我家房子被拆了补偿太低，要求重新补偿", TriageKind.PETITION),
    ("我想去上访，去哪里上访", TriageKind.PETITION),
    ("城管执法人员打人，请你们严肃处理", TriageKind.PETITION),
    ("希望领导给我做主，还我一个公道", TriageKind.PETITION),
    ("社保卡丢了怎么补办", TriageKind.CONSULTATION),
    ("办理营业执照需要准备什么材料", TriageKind.CONSULTATION),
    ("公积金多久能到账", TriageKind.CONSULTATION),
    ("居住證在哪裡辦理", TriageKind.CONSULTATION),
    ("请寄给我一份2024年的政府公报", TriageKind.PUBLICATION),
    ("我申请信息公开超过20个工作日了还没答复，我要投诉", TriageKind.COMPLAINT),
]


@pytest.mark.parametrize("text", DISCLOSURE)
def test_requests_for_information_pass(text):
    result = triage(text)
    assert result.kind is TriageKind.DISCLOSURE, (result.kind, result.cues)
    assert result.is_disclosure_request
    assert result.where_to_go == [] and result.basis is None


@pytest.mark.parametrize(("text", "kind"), NOT_DISCLOSURE)
def test_other_matters_are_redirected(text, kind):
    result = triage(text)
    assert result.kind is kind, (result.kind, result.cues)
    assert not result.is_disclosure_request
    assert result.cues and result.where_to_go and result.basis


def test_subject_words_are_reported_as_such():
    result = triage("请公开2024年区市场监管局投诉处理结果的统计数据")
    assert result.subject_cues and result.subject_cues[0].startswith("投诉")
    assert "不是要投诉" in result.reason


def test_complaints_cite_article_39_and_name_the_hotline():
    result = triage("我要投诉你们窗口工作人员态度恶劣", agency="平潭综合实验区管委会")
    assert "第三十九条" in result.reason and result.basis == "《政府信息公开条例》第三十九条"
    joined = "".join(result.where_to_go)
    assert "12345政务服务便民热线" in joined and "平潭综合实验区管委会的投诉渠道" in joined


def test_reports_point_to_the_discipline_inspection_line():
    assert "12388" in "".join(triage("实名举报村支书贪污扶贫款").where_to_go)


def test_petitions_point_to_the_petition_channel():
    joined = "".join(triage("我想去上访，去哪里上访").where_to_go)
    assert "信访部门" in joined and "《信访工作条例》" in joined


def test_a_complaint_about_disclosure_work_points_to_article_51():
    result = triage("我申请信息公开超过20个工作日了还没答复，我要投诉")
    assert result.about_disclosure_work
    assert result.basis == "《政府信息公开条例》第五十一条"
    assert "行政复议" in "".join(result.where_to_go)


def test_publications_cite_article_39_second_paragraph():
    result = triage("请寄给我一份2024年的政府公报")
    assert "第二款" in result.reason and "图书馆" in "".join(result.where_to_go)


def test_traditional_and_simplified_agree():
    for simplified, traditional in [
        ("我要举报隔壁工厂偷排污水", "我要舉報隔壁工廠偷排污水"),
        ("请公开本市举报奖励办法", "請公開本市舉報獎勵辦法"),
    ]:
        assert triage(simplified).kind is triage(traditional).kind
