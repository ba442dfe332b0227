"""Every long SQLite history by label, the one union the corpus and replay tests share."""

from __future__ import annotations

from history_corpus import History, union
from sqlite_app_histories import HISTORIES as APP_HISTORIES
from sqlite_desktop_histories import HISTORIES as DESKTOP_HISTORIES
from sqlite_generated_histories import HISTORIES as GENERATED_HISTORIES
from sqlite_kit_histories import HISTORIES as KIT_HISTORIES
from sqlite_long_histories import HISTORIES as LONG_HISTORIES
from sqlite_orm_histories import HISTORIES as ORM_HISTORIES
from sqlite_script_histories import HISTORIES as SCRIPT_HISTORIES
from sqlite_tool_histories import HISTORIES as TOOL_HISTORIES

SQLITE_HISTORIES: dict[str, History] = union(
    LONG_HISTORIES,
    DESKTOP_HISTORIES,
    ORM_HISTORIES,
    TOOL_HISTORIES,
    APP_HISTORIES,
    SCRIPT_HISTORIES,
    GENERATED_HISTORIES,
    KIT_HISTORIES,
)
