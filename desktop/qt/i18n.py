"""Language switching through Qt's own machinery: a QTranslator loaded from a .qm file.

UI strings are English in the code, wrapped in ``tr()``; their Chinese lives in
resources/translations/bge_zh_CN.ts (compiled to .qm with pyside6-lrelease, see
scripts/build_translations.py). Installing or removing the translator makes Qt send a
LanguageChange event to every widget, whose ``retranslate()`` then re-reads its strings, so the
switch happens at once, without a restart. The article's claims are data in both languages and
are picked by ``LanguageManager.language``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTranslator, Signal

from desktop.core.messages import Msg
from desktop.core.store.registry import RESOURCES

CONTEXT = "bge"
TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = {"zh": "中文", "en": "English"}
SETTINGS_KEY = "ui/language"


def tr(text: str) -> str:
    """Translate a UI string in the current language (English is the source)."""
    return QCoreApplication.translate(CONTEXT, text)


class Retranslated:
    """Mixin for a widget whose texts are set in ``retranslate()``: run again on every language change.

    Put it before the Qt base class (``class View(Retranslated, QWidget)``)."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]  # the Qt base class's, next in the MRO


class LanguageManager(QObject):
    """Owns the translator; remembers the choice in QSettings."""

    changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._translator = QTranslator(self)
        self._installed = False
        self.language = "en"

    def initial_language(self, requested: str | None = None) -> str:
        saved = str(self._settings.value(SETTINGS_KEY, "") or "")
        for candidate in (requested, saved, "en"):
            if candidate in LANGUAGES:
                return candidate
        return "en"

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; choose {', '.join(LANGUAGES)}")
        app = QCoreApplication.instance()
        if self._installed:
            app.removeTranslator(self._translator)
            self._installed = False
        if language == "zh":
            qm = TRANSLATIONS / "bge_zh_CN.qm"
            if not self._translator.load(str(qm)):
                raise FileNotFoundError(f"cannot load {qm}: run `python scripts/build_translations.py`")
            app.installTranslator(self._translator)
            self._installed = True
        self.language = language
        self._settings.setValue(SETTINGS_KEY, language)
        self.changed.emit(language)


def tr_msg(message: Msg) -> str:
    """A core message in the current language (its template and any nested one translated)."""
    return message.render(tr)
