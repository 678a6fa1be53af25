"""Fixed sentences the bot says, in plain text (render.py escapes and formats them)."""

from __future__ import annotations

from bot.channels import plain
from bot.channels.plain import APOLOGY, EXAMPLE_QUESTION, HOTLINE, command_lines

INTRO = (
    "您好！我是政府信息公开问答助手。\n"
    "我读过各机关的政府信息公开工作年度报告、政府信息公开指南和主动公开目录，"
    "可以回答：咨询电话和地址、如何申请公开、办理时限和收费、年度报告里的数字、"
    "某份文件的文号和内容。每个回答都注明出处；记录里没有的，我会如实告诉您，并告诉您可以找谁。"
)
EXAMPLES_LEAD = "可以这样问："
HELP = (
    f"直接发送您的问题即可，例如“{EXAMPLE_QUESTION}”。\n\n"
    + "\n".join(command_lines())
    + "\n\n回答下方的按钮可以查看原文、申请办法、联系电话和相关文件，也欢迎点 👍 或 👎 告诉我回答是否有用。"
)
# The command menu Telegram shows: /start, then the shared commands with their usage.
COMMANDS = {"start": "开始使用", "help": "使用说明"} | {
    c.name: f"{c.summary}：{c.usage}" for c in plain.COMMANDS
}
NON_TEXT = "抱歉，我只能读文字消息。请用文字写下您想了解的政府信息公开问题。"
EMPTY = "请直接写下您的问题，例如“如何申请政府信息公开？”。"
TOO_LONG = "您的问题有 {length} 个字，超出了 {limit} 字的上限。请只写最关键的内容再发一次。"
RATE_LIMITED = "您发送得太快了，请在 {seconds} 秒后再问。"
BUTTONS_LIMITED = "您点得太快了，请在 {seconds} 秒后再试。"
TEXT_TOO_LONG = "您的消息有 {length} 个字，超出了 {limit} 字的上限。请只写最关键的内容再发一次。"
SEARCH_TOO_LONG = "关键词有 {length} 个字，超出了 {limit} 字的上限。请只写几个关键词再搜索一次。"
INLINE_TOO_LONG = "关键词太长了，请不超过 {limit} 个字"
BAD_BUTTON = "这个按钮无法使用，请直接提问。"
VOTE_CHANGED = "已改为您的新评价，谢谢！"
EXPIRED = "这个按钮已过期，请重新提问。"  # also for a button of another chat: nothing to learn from it
ERROR = APOLOGY
UNAVAILABLE = f"抱歉，资料库暂时无法使用，请稍后再试；如有急事，可拨打 {HOTLINE}。"
NOT_ADMIN = "抱歉，这个命令仅限管理员使用。"
SEARCH_USAGE = "请在 /search 后面写上关键词，例如：/search 规范性文件"
NO_SOURCES = "这个回答没有可引用的原文。"
NO_CONTACTS = f"资料里没有找到联系电话。可以拨打 {HOTLINE} 咨询。"
NO_PROCEDURE = "资料里没有找到申请办法。"
NO_DOCUMENTS = "没有找到相关文件。"
THANKS = "谢谢您的反馈！"
DRAFT_PRIVATE = "起草申请要填写姓名、证件号码等个人信息，请在与我的私聊中发送 /draft。"
DRAFT_NOT_TEXT = "请用文字回答上面的问题；回复“返回”回到上一步，回复“取消”放弃填写。"
DRAFT_TIMEOUT = "起草申请已超过 {minutes} 分钟没有回复，填写的内容已全部清除。需要时请重新发送 /draft。"
DRAFT_CAPTION = "政府信息公开申请表：请打印、签名，附身份证明复印件后提交。"
