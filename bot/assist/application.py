"""An application for disclosure (依申请公开) with what 条例 art. 29 requires.

    Application
    ├── office: ReceivingOffice      the agency's 政府信息公开工作机构, address, channels
    ├── applicant: Applicant         name or organisation, identity document (art. 29 (一))
    ├── contact: ContactDetails      phone, address, e-mail (art. 29 (一))
    ├── information: InformationRequest   name, 文号 or a findable description (art. 29 (二))
    ├── form: FormRequest            paper/electronic and how to obtain it (art. 29 (三))
    └── dated                        the date written on the form

Personal fields are left out of `repr()`, so an accidental log line shows no one's data.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from bot.assist.validators import (
    IdType,
    check_address,
    check_email,
    check_id_number,
    check_name,
    check_phone,
)
from bot.corpus.models import Channel, Contact, Procedure
from bot.errors import InvalidField


class ApplicantKind(StrEnum):
    """Who applies."""

    CITIZEN = "公民"
    ORGANISATION = "法人或者其他组织"


class Medium(StrEnum):
    """The form of the information wanted."""

    PAPER = "纸质"
    ELECTRONIC = "电子"


class Delivery(StrEnum):
    """How the applicant obtains the information."""

    COLLECT = "当面领取"
    POST = "邮寄"
    EMAIL = "电子邮件"
    ONLINE = "网上获取"


def _field_error(exc: InvalidField) -> PydanticCustomError:
    # The message is shown to citizens as it is, so no "Value error, " prefix.
    return PydanticCustomError("invalid_field", "{message}", {"message": exc.user_message})


class Applicant(BaseModel):
    """The applicant and the identity document (art. 29 (一))."""

    kind: ApplicantKind = ApplicantKind.CITIZEN
    name: str = Field(repr=False)
    id_type: IdType
    id_number: str = Field(repr=False)
    representative: str | None = Field(default=None, repr=False)  # 法定代表人或负责人 of an organisation

    @model_validator(mode="after")
    def _valid(self) -> Applicant:
        organisation = self.kind is ApplicantKind.ORGANISATION
        if organisation and self.id_type not in (IdType.CREDIT_CODE, IdType.OTHER):
            raise PydanticCustomError("invalid_field", "法人或者其他组织请填写统一社会信用代码。")
        if not organisation and self.id_type is IdType.CREDIT_CODE:
            raise PydanticCustomError("invalid_field", "公民请填写个人身份证件，例如居民身份证。")
        try:
            self.name = check_name(self.name, organisation=organisation)
            self.id_number = check_id_number(self.id_type, self.id_number)
            if self.representative is not None:
                self.representative = check_name(self.representative)
        except InvalidField as exc:
            raise _field_error(exc) from None
        return self


class ContactDetails(BaseModel):
    """How the agency reaches the applicant (art. 29 (一))."""

    phone: str = Field(repr=False)
    address: str | None = Field(default=None, repr=False)
    postcode: str | None = Field(default=None, repr=False)
    email: str | None = Field(default=None, repr=False)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        try:
            return check_phone(value)
        except InvalidField as exc:
            raise _field_error(exc) from None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        try:
            return None if value is None else check_email(value)
        except InvalidField as exc:
            raise _field_error(exc) from None

    @field_validator("address")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        try:
            return None if value is None else check_address(value)[0]
        except InvalidField as exc:
            raise _field_error(exc) from None


class InformationRequest(BaseModel):
    """The information wanted (art. 29 (二))."""

    description: str = Field(min_length=1)
    doc_no: str | None = None  # 文号 found in the description, normalised


class FormRequest(BaseModel):
    """The form wanted and how to obtain it (art. 29 (三))."""

    medium: Medium
    delivery: Delivery

    @model_validator(mode="after")
    def _compatible(self) -> FormRequest:
        if not compatible(self.medium, self.delivery):
            raise PydanticCustomError("invalid_field", PAPER_NOT_ONLINE)
        return self


PAPER_NOT_ONLINE = "纸质材料不能通过电子邮件或网上获取：请改选电子形式，或改为当面领取、邮寄。"


def compatible(medium: Medium, delivery: Delivery) -> bool:
    """False for paper sent by e-mail or online, which cannot be done."""
    return not (medium is Medium.PAPER and delivery in (Delivery.EMAIL, Delivery.ONLINE))


class ReceivingOffice(BaseModel):
    """The office that receives applications for one agency, as its guide states it."""

    agency: str
    office: str | None = None  # e.g. 平潭综合实验区管委会政府信息公开领导小组办公室
    address: str | None = None
    postcode: str | None = None
    email: str | None = None
    phones: list[str] = Field(default_factory=list)  # dialable
    hours: str | None = None
    channels: list[Channel] = Field(default_factory=list)  # how applications may be submitted

    @classmethod
    def from_contact(
        cls, contact: Contact, procedure: Procedure | None = None, agency: str | None = None
    ) -> ReceivingOffice:
        """Build from a corpus Contact (role 受理机构) and the guide's Procedure."""
        return cls(
            agency=agency or contact.agency or contact.office or "",
            office=contact.office,
            address=contact.address,
            postcode=contact.postcode,
            email=contact.email,
            phones=[phone.display for phone in contact.phones if phone.kind != "fax"],
            hours=contact.hours,
            channels=list(procedure.channels) if procedure else [],
        )


class Application(BaseModel):
    """A complete application, ready to render and submit."""

    office: ReceivingOffice
    applicant: Applicant
    contact: ContactDetails
    information: InformationRequest
    form: FormRequest
    dated: date  # the date written on the form

    @model_validator(mode="after")
    def _reachable(self) -> Application:
        if self.form.delivery is Delivery.POST and not self.contact.address:
            raise PydanticCustomError("invalid_field", "选择邮寄获取时，请填写通信地址。")
        if self.form.delivery is Delivery.EMAIL and not self.contact.email:
            raise PydanticCustomError("invalid_field", "选择电子邮件获取时，请填写电子邮箱。")
        return self


def error_messages(exc: ValidationError) -> list[str]:
    """The Chinese messages of a pydantic ValidationError, one per problem."""
    return [str(error["msg"]) for error in exc.errors()]
