"""Helping citizens apply for disclosure (依申请公开), independent of any channel.

    dates        read "3月1日", "上周五" ... relative to a given today
    workdays     official working days (holidays, 调休), estimates flagged
    deadline     day of receipt, reply deadline, extension, 补正, consultation (arts. 30-33)
    fees         信息处理费 under 国办函〔2020〕109号 (art. 42)
    triage       信访 / 投诉 / 举报 / 咨询 that are not disclosure requests (art. 39)
    validators   phone, e-mail, ID card and credit-code checks, masking
    application  the application model (art. 29) and the receiving office
    render       the application as chat text and submission instructions
    docx_render  the application as a .docx form
    draft        the step-by-step drafting conversation any channel can drive

Every function takes `today` where a date matters; nothing reads the clock, writes
to disk (except the .docx a caller asks for) or logs what a citizen typed.
"""
