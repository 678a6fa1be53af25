"""Operator settings, declared once: environment variables `GONGKAI_*` and an optional `.env`.

Every field has a default and a description; the README table and
deploy/gongkai.env.example are generated from this class, so this is the only place a
setting is named. `load_settings()` turns invalid values into one `SettingsError`
that names the environment variable.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import SettingsError
from bot.settings_checks import bot_token_error, listen_error, url_error, url_path_error
from bot.text import MAX_QUESTION_CHARS

ENV_PREFIX = "GONGKAI_"
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
DAY = 86400.0  # the longest window, timeout or time-out a duration setting may give (seconds)


class Settings(BaseSettings):
    """Everything an operator can configure."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    bot_token: SecretStr | None = Field(
        default=None,
        description=(
            "Telegram 机器人令牌（向 @BotFather 申请）；不设置则 gongkai run 打开终端对话；令牌不会写入日志"
        ),
    )
    admin_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        description="可使用 /reload 和 /stats 的 Telegram 用户 id，如 [123, 456] 或 123,456",
    )
    index_dir: Path = Field(
        default=Path("var/index"),
        description="检索索引所在目录（gongkai build 的输出；须可写，gongkai serve 启动时检查）",
    )
    corpus_dir: Path = Field(default=Path("corpus"), description="语料目录：年度报告、指南、主动公开文件")
    data_dir: Path = Field(
        default=Path("var/data"),
        description="反馈记录和统计数据目录（须可写；gongkai serve 启动时检查，不存在则创建）",
    )
    telegram_api_url: str = Field(
        default="https://api.telegram.org",  # OFFICIAL_API
        description="Telegram Bot API 服务地址；可指向本地 Bot API 服务器或测试模拟器",
    )
    webhook_url: str | None = Field(
        default=None,
        description=(
            "Webhook 的公开 HTTPS 地址（含主机名和路径）；设置后以 webhook 方式运行，否则长轮询；"
            "仅当 Bot API 是本地服务器时可用 http://"
        ),
    )
    webhook_listen: str = Field(
        default="127.0.0.1", description="Webhook 服务监听地址：IP 地址（如 0.0.0.0、::）或可解析的主机名"
    )
    webhook_port: int = Field(default=8443, ge=1, le=65535, description="Webhook 服务监听端口")
    webhook_path: str = Field(
        default="telegram", description="Webhook 服务的本地路径：字母、数字、. _ ~ - 组成的路径段，以 / 分隔"
    )
    webhook_secret: SecretStr | None = Field(
        default=None,
        description="Webhook 密钥：Telegram 在每个请求头中带上它（1-256 个字母、数字、_ 或 -）",
    )
    rate_limit_questions: int = Field(default=10, ge=1, description="每位用户在一个时间窗内最多可提问的次数")
    rate_limit_seconds: float = Field(
        default=60.0, gt=0, le=DAY, allow_inf_nan=False, description="限流时间窗（秒，最长 86400）"
    )
    max_question_chars: int = Field(
        default=500,
        ge=10,
        le=MAX_QUESTION_CHARS,
        description=f"单个问题的最大字数（最多 {MAX_QUESTION_CHARS}），超出则请用户精简",
    )
    draft_timeout_seconds: float = Field(
        default=1800.0,
        gt=0,
        le=DAY,
        allow_inf_nan=False,
        description="起草申请的对话多久没有回复即放弃并清除已填写的个人信息（秒，最长 86400）",
    )
    answer_cache_size: int = Field(
        default=2000, ge=10, description="服务器端保存的最近回答数，回答下方的按钮依赖它们"
    )

    search_backend: Literal["whoosh", "opensearch"] = Field(
        default="whoosh",
        description=(
            "检索后端：whoosh（内嵌索引，读 GONGKAI_INDEX_DIR，默认）或 opensearch（OpenSearch 集群，"
            "读下列 OpenSearch 设置）"
        ),
    )
    opensearch_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://127.0.0.1:9200"],
        description="OpenSearch 节点地址，逗号分隔，如 http://10.0.0.1:9200,http://10.0.0.2:9200；某个节点不可用时自动换下一个",
    )
    opensearch_prefix: str = Field(
        default="gongkai",
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="索引和别名的名称前缀（小写字母、数字、- 和 _），多个部署可共用一个集群",
    )
    opensearch_timeout: float = Field(
        default=10.0,
        gt=0,
        le=600,
        allow_inf_nan=False,
        description="每个 OpenSearch 请求的超时（秒，最长 600）",
    )
    opensearch_retries: int = Field(
        default=3, ge=0, description="OpenSearch 请求失败（连接失败、超时、5xx）后换节点重试的次数"
    )
    opensearch_shards: int = Field(default=1, ge=1, description="gongkai build 新建记录索引的主分片数")
    opensearch_replicas: int = Field(
        default=1, ge=0, description="gongkai build 建好的索引的副本数（≥1 时一个节点故障不影响回答）"
    )

    # Telegram under floods (issue 15): buttons and inline queries, typed or pressed in quick
    # succession, have their own allowance in the same window, so they never use up questions.
    rate_limit_buttons: int = Field(
        default=60,
        ge=1,
        description="每位用户在一个限流时间窗内最多可点按钮或发内联查询的次数（与提问分开计）",
    )

    @field_validator("bot_token", "webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        """`GONGKAI_BOT_TOKEN=` in a .env means not set."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: Any) -> Any:
        """Accept a JSON list or a comma-separated string."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except ValueError as exc:
                raise ValueError("must be a JSON list like [123, 456] or 123,456") from exc
        return [part.strip() for part in text.split(",") if part.strip()]

    @field_validator("opensearch_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: Any) -> Any:
        """A comma-separated string of URLs."""
        if isinstance(value, str):
            return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]
        return value

    @field_validator("opensearch_hosts")
    @classmethod
    def _http_urls(cls, value: list[str]) -> list[str]:
        """At least one URL, each http:// or https://."""
        if not value:
            raise ValueError("give at least one URL, e.g. http://127.0.0.1:9200")
        for url in value:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{url!r} must start with http:// or https://")
        return value

    @field_validator("index_dir", "corpus_dir", "data_dir", mode="before")
    @classmethod
    def _folder_named(cls, value: Any) -> Any:
        """An empty path would be the folder the bot happens to start in."""
        if isinstance(value, str) and not value.strip():
            raise ValueError("is empty: give a folder path")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        """An http(s) base URL with a host, without its trailing slash."""
        return _checked(url_error(value, ("http", "https")), value.rstrip("/"))

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        """https with a host; http only for a local Bot API server, which allows it (Telegram's does not)."""
        if value is None:
            return None
        api = str(info.data.get("telegram_api_url", OFFICIAL_API))
        schemes = ("https",) if api == OFFICIAL_API else ("http", "https")
        return _checked(url_error(value, schemes), value.rstrip("/"))

    @field_validator("webhook_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        """An IP address or a host name that resolves: checked now, not when the server binds."""
        return _checked(listen_error(value), value)

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        """The form BotFather gives, without a blank: a newline would break every request URL."""
        return _checked(bot_token_error(value.get_secret_value()), value) if value is not None else None

    @field_validator("webhook_secret")
    @classmethod
    def _secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and -."""
        if value is not None and not _SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters: letters, digits, _ or -")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _url_path(cls, value: str) -> str:
        """Path segments of safe characters, never . or ..; outer slashes dropped."""
        return _checked(url_path_error(value.strip("/")), value.strip("/"))


OFFICIAL_API = "https://api.telegram.org"
_T = TypeVar("_T")


def _checked(error: str | None, value: _T) -> _T:
    if error is not None:
        raise ValueError(error)
    return value


def check_folders(settings: Settings) -> None:
    """Create the folders the bot writes in if missing, and prove each writable.

    Raises SettingsError naming the first that is not (a full or read-only disk, a
    path under a file), so `serve` stops at start rather than at a citizen's question.
    """
    fields = ["data_dir"] + (["index_dir"] if settings.search_backend == "whoosh" else [])
    for field in fields:
        folder: Path = getattr(settings, field)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            reason = f"{folder} is not a writable folder ({exc.strerror or type(exc).__name__})"
            raise SettingsError(env_name(field), reason) from None


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment and `.env`; raise SettingsError naming a bad one."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "settings"
        raise SettingsError(env_name(field), _reason(error)) from None


def env_name(field: str) -> str:
    """The environment variable of a settings field: bot_token -> GONGKAI_BOT_TOKEN."""
    return ENV_PREFIX + field.upper()


def _reason(error: Any) -> str:
    # Pydantic messages echo the input; never show a secret's value.
    message = str(error["msg"])
    return message.removeprefix("Value error, ")
