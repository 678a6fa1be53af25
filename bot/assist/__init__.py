"""Helping citizens apply for disclosure (依申请公开), independent of any channel.

    dates        read "3月1日", "上周五" ... relative to a given today
    workdays     official working days (holidays, 调休); uncovered years flagged
    deadline     day of receipt, reply deadline, extension, 补正, consultation (arts. 30-33)
    fees         信息处理费 under 国办函〔2020〕109号 (art. 42)
    triage       信访 / 投诉 / 举报 / 咨询 that are not disclosure requests (art. 39)
    validators   phone, e-mail, ID card and credit-code checks, masking
    application  the application model (art. 29) and the receiving office
    information  the check of the information wanted (arts. 29, 30, 38, 39)
    agency       matching agency names; receiving offices from a corpus
    render       the application as chat text, and how to submit it
    docx_render  the application as a .docx form
    choices      multiple-choice answers: numbers, labels, synonyms
    questions    the drafting questions: order, prompts, suggested answers
    draft        the drafting conversation any channel drives with text in, text out

Every function takes `today` where a date matters; nothing reads the clock, writes
to disk (except the .docx a caller asks for) or logs what a citizen typed.
"""
