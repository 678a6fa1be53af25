"""The application as chat text, its table rows, and how to submit it.

`form_rows` is the one list of (label, value) pairs that both the chat preview and
the .docx table are made from, so the two never disagree about what is on the form.
"""

from __future__ import annotations

from bot.assist.application import ApplicantKind, Application, ReceivingOffice
from bot.assist.dates import format_date
from bot.assist.validators import mask_id

TITLE = "政府信息公开申请表"
ENVELOPE_NOTE = "政府信息公开申请"


def form_rows(app: Application, *, masked: bool) -> list[tuple[str, str]]:
    """(label, value) rows of the form; the ID number masked unless for the final document."""
    person = app.applicant
    organisation = person.kind is ApplicantKind.ORGANISATION
    rows = [
        ("受理机关", app.office.agency),
        ("受理机构", app.office.office or "政府信息公开工作机构"),
        ("申请人类型", person.kind.value),
        ("名称" if organisation else "姓名", person.name),
    ]
    if organisation and person.representative:
        rows.append(("法定代表人或负责人", person.representative))
    number = mask_id(person.id_number) if masked else person.id_number
    rows += [("证件名称", person.id_type.value), ("证件号码", number), ("联系电话", app.contact.phone)]
    rows += [("通信地址", app.contact.address)] if app.contact.address else []
    rows += [("邮政编码", app.contact.postcode)] if app.contact.postcode else []
    rows += [("电子邮箱", app.contact.email)] if app.contact.email else []
    rows.append(("所需政府信息的名称、文号或特征描述", app.information.description))
    rows += [("文号", app.information.doc_no)] if app.information.doc_no else []
    rows += [("信息的载体形式", app.form.medium.value), ("获取信息的方式", app.form.delivery.value)]
    return rows


def render_text(app: Application) -> str:
    """A plain-text preview for a chat, with the identity number masked."""
    lines = [f"{TITLE}（预览）"]
    lines += [f"{label}：{value}" for label, value in form_rows(app, masked=True)]
    lines.append(f"申请日期：{format_date(app.dated)}")
    return "\n".join(lines)


def how_to_submit(office: ReceivingOffice | None) -> list[str]:
    """Submission steps from the agency's channels when known, else the general rule of art. 29."""
    steps = _channel_steps(office) if office else []
    if not steps:
        steps = _general_steps(office)
    steps += [
        "提交后请保留凭证（快递单号、网上申请的编号或回执），用来确定“收到申请之日”和答复期限。",
        "按《政府信息公开条例》第三十三条，行政机关不能当场答复的，应在收到申请之日起20个工作日内答复。",
    ]
    return steps


def render_submission(office: ReceivingOffice | None) -> str:
    """How to submit, as numbered plain-text lines."""
    steps = how_to_submit(office)
    return "如何提交：\n" + "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))


def _recipient(office: ReceivingOffice) -> str:
    return office.office or f"{office.agency}政府信息公开工作机构"


def _postal(office: ReceivingOffice) -> str:
    code = f"（邮编{office.postcode}）" if office.postcode else ""
    return f"{office.address}{code}"


def _channel_steps(office: ReceivingOffice) -> list[str]:
    steps = []
    kinds = {channel.kind: channel.text for channel in office.channels}
    if "online" in kinds:
        steps.append(f"网上申请：{kinds['online']}（以双方确认之日为收到申请之日，第三十一条第（三）项）")
    if ("written" in kinds or "post" in kinds) and office.address:
        steps.append(_post_step(office))
    if "in_person" in kinds and office.address:
        hours = f"，办公时间：{office.hours}" if office.hours else ""
        steps.append(f"当面提交：到{office.address}递交{hours}（以提交之日为收到申请之日）。")
    if "email" in kinds and office.email:
        steps.append(f"电子邮件：发送至{office.email}，并请对方确认收到（以双方确认之日为收到申请之日）。")
    if "fax" in kinds:
        steps.append(f"传真：{kinds['fax']}（以双方确认之日为收到申请之日）。")
    if "oral" in kinds:
        steps.append("采用书面形式确有困难的，可以口头提出，由受理机构代为填写申请（第二十九条）。")
    return steps


def _post_step(office: ReceivingOffice) -> str:
    return (
        f"邮寄：打印本申请表并签名，附身份证明复印件，寄至{_postal(office)}，收件人写“{_recipient(office)}”，"
        f"在信封上注明“{ENVELOPE_NOTE}”。建议用挂号信或快递，以签收之日为收到申请之日（第三十一条第（二）项）。"
    )


def _general_steps(office: ReceivingOffice | None) -> list[str]:
    steps = [
        "按《政府信息公开条例》第二十九条，申请应向该机关的政府信息公开工作机构提出，采用书面形式"
        "（包括信件、数据电文）；书面形式确有困难的，可以口头提出，由工作机构代为填写。",
    ]
    if office and office.address:
        steps.append(_post_step(office))
        steps.append(f"也可以到{office.address}当面提交。")
    else:
        steps.append(
            "受理机构的地址、电子邮箱和网上申请入口，可以在该机关门户网站的“政府信息公开指南”中查到；"
            f"邮寄时请在信封上注明“{ENVELOPE_NOTE}”，并附身份证明复印件。"
        )
    return steps
