"""A comparison in Telegram, end to end: `gongkai serve` against the emulator sends the chart.

A citizen asks which of two agencies received more applications; the bot answers with
a photo whose caption is the answer (lead, sources) and whose keyboard is the answer's.
The test downloads the photo from the emulator's file server and opens it with Pillow.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from PIL import Image

from bot.charts import SIZE
from tests.telegram.e2e.emulator import EmulatorClient, Person

pytestmark = pytest.mark.e2e

CITIZEN = Person(5201)
COMPARISON = "淮安和平潭2024年谁收到的申请多"


@pytest.fixture
def built(gongkai, tmp_path: Path, corpus_dir: Path) -> None:
    """An index of the annual reports, built by `gongkai build`."""
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "reports", corpus / "reports")
    shutil.copy(corpus_dir / "agencies.toml", corpus / "agencies.toml")
    result = gongkai("build", GONGKAI_CORPUS_DIR=str(corpus))
    assert result.returncode == 0, result.stderr


def download(client: EmulatorClient, file_path: str) -> bytes:
    """A file the bot sent, from the emulator's file server (as a Telegram client gets it)."""
    response = httpx.get(f"{client.url}/file/bot{client.token}/{quote(file_path)}", timeout=10)
    response.raise_for_status()
    return response.content


def test_a_comparison_arrives_as_a_chart_captioned_with_the_answer(built, serve, client):
    served = serve()
    client.say(CITIZEN, COMPARISON)
    [sent] = client.replies(CITIZEN)
    [photo] = client.bot_state()["photos"]
    assert photo["message_id"] == sent.message_id and photo["chat_id"] == CITIZEN.id
    assert "淮安市人民政府3119件，平潭218件；淮安市人民政府比平潭多2901件" in photo["caption"]
    assert "📄 来源" in photo["caption"] and photo["parse_mode"] == "HTML"
    assert "查看原文" in sent.buttons and "👍" in sent.buttons  # the answer's keyboard, on the photo
    picture = Image.open(io.BytesIO(download(client, photo["file_path"])))
    assert picture.format == "PNG" and picture.size == SIZE == (photo["width"], photo["height"])
    log = served.stop()
    assert COMPARISON not in log  # what citizens ask is never logged
