"""The article's fields above the body: a compact header (headline, status) and a panel of details that folds
away (subheadline, dateline, byline, source title, keywords), so the body keeps most of the height."""

from __future__ import annotations

from datetime import datetime

import qtawesome as qta
from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.articles.repo import ArticleRecord
from workstation.body.dateline import from_site_time, to_site_time
from workstation.body.stats import join_keywords, split_keywords
from workstation.clock import utcnow
from workstation.library.models import STATUSES

_NO_DATE = QDateTime(QDate(1900, 1, 1), QTime(0, 0), QTimeZone(QTimeZone.Initialization.UTC))
TEXT_FIELDS = ("headline", "subheadline", "dateline_city", "dateline_agency", "byline", "source_title", "keywords")


class DatelineTimeEdit(QDateTimeEdit):
    """A date-time in the site's time zone with ASCII digits; the earliest value stands for "no date"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # before the display format: in a right-to-left layout Qt would reverse its sections
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))  # a wall-clock time; the zone is the site's
        self.setLocale(QLocale.c())  # the house style writes dates with ASCII digits
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setMinimumDateTime(_NO_DATE)
        self.setSpecialValueText("—")
        self.setCalendarPopup(True)

    def keyPressEvent(self, event) -> None:
        # Tab leaves the field, as in every other field: QDateTimeEdit would step through its sections,
        # and on the empty value ("no date") swallow the key altogether.
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.accept()
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next_child: bool) -> bool:  # noqa: N802 (Qt's name)
        return QWidget.focusNextPrevChild(self, next_child)

    def set_local(self, local: datetime | None) -> None:
        """Shows a wall-clock time in the site's zone, or "no date"."""
        if local is None:
            self.setDateTime(_NO_DATE)
            return
        self.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                   QTime(local.hour, local.minute, local.second), self.timeZone()))  # fmt: skip

    def local(self) -> datetime | None:
        """The wall-clock time shown, or None for "no date"."""
        value = self.dateTime()
        if value <= _NO_DATE:
            return None
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


class ArticleFields(QWidget):
    """The form of an article's fields; says which field the user edited, never saves by itself."""

    edited = Signal(str)  # field name, as ArticleRepo.save takes it
    statusChosen = Signal(str)

    def __init__(self, tz: str, parent=None):
        super().__init__(parent)
        self._tz = tz
        self.headline = QLineEdit(objectName="headline")
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.headline.setFont(font)
        self.subheadline = QLineEdit(objectName="subheadline")
        self.dateline_city = QLineEdit(objectName="dateline_city")
        self.dateline_at = DatelineTimeEdit()
        self.now_button = QToolButton(text=self.tr("Now"))
        self.dateline_agency = QLineEdit(objectName="dateline_agency")
        self.byline = QLineEdit(objectName="byline")
        self.source_title = QLineEdit(objectName="source_title")
        # wire titles arrive in their own language (Chinese, English): left to right
        self.source_title.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.keywords = QLineEdit(objectName="keywords")
        self.status = QComboBox()
        labels = {"draft": self.tr("Draft"), "ready": self.tr("Ready"), "published": self.tr("Published")}
        for value in STATUSES:
            self.status.addItem(labels.get(value, value), value)

        self.headline.setPlaceholderText(self.tr("Headline"))
        self.subheadline.setPlaceholderText(self.tr("Subheadline"))
        self.dateline_city.setPlaceholderText(self.tr("City"))
        self.dateline_agency.setPlaceholderText(self.tr("Agency"))
        self.keywords.setPlaceholderText(self.tr("Keywords, separated by commas"))
        for name in ("headline", "subheadline", "dateline_city", "dateline_agency", "byline", "keywords"):
            getattr(self, name).setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        names = {"headline": self.tr("Headline"), "subheadline": self.tr("Subheadline"), "byline": self.tr("Byline"),
                 "source_title": self.tr("Source title"), "dateline_city": self.tr("Dateline city"),
                 "dateline_at": self.tr("Dateline time"), "dateline_agency": self.tr("Dateline agency"),
                 "keywords": self.tr("Keywords"), "status": self.tr("Status")}  # fmt: skip
        for name, text in names.items():
            getattr(self, name).setAccessibleName(text)
        self.now_button.setAccessibleName(self.tr("Set the dateline time to now"))
        self.details_button = QToolButton(objectName="details_button")
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setText(self.tr("&Details"))
        self.details_button.setToolTip(self.tr("Show or hide the subheadline, dateline, byline and keywords"))
        self.details_button.toggled.connect(self.set_details_shown)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.headline, 1)
        header.addWidget(self.status)
        header.addWidget(self.details_button)

        dateline = QHBoxLayout()
        dateline.setContentsMargins(0, 0, 0, 0)
        dateline.addWidget(self.dateline_city, 2)
        dateline.addWidget(self.dateline_at, 2)
        dateline.addWidget(self.now_button)
        dateline.addWidget(self.dateline_agency, 1)
        people = QHBoxLayout()
        people.setContentsMargins(0, 0, 0, 0)
        people.addWidget(self.byline, 1)
        source_label = QLabel(self.tr("&Source title"))
        source_label.setBuddy(self.source_title)
        people.addWidget(source_label)
        people.addWidget(self.source_title, 1)

        # Labels with access keys, each the buddy of its field (a screen reader reads the field by it).
        self.details = QWidget(objectName="details")
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("S&ubheadline"), self.subheadline)
        dateline_label = QLabel(self.tr("Date&line"))
        dateline_label.setBuddy(self.dateline_city)
        form.addRow(dateline_label, dateline)
        byline_label = QLabel(self.tr("&Byline"))
        byline_label.setBuddy(self.byline)
        form.addRow(byline_label, people)
        form.addRow(self.tr("&Keywords"), self.keywords)
        self.set_details_shown(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.details)
        order = (self.headline, self.status, self.details_button, self.subheadline, self.dateline_city,
                 self.dateline_at, self.now_button, self.dateline_agency, self.byline, self.source_title, self.keywords)  # fmt: skip
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        for name in TEXT_FIELDS:
            getattr(self, name).textEdited.connect(lambda _text, name=name: self.edited.emit(name))
        self.dateline_at.dateTimeChanged.connect(lambda _value: self._date_edited())
        self.now_button.clicked.connect(self._set_now)
        self.status.activated.connect(lambda index: self.statusChosen.emit(self.status.itemData(index)))
        self._filling = False

    def set_details_shown(self, shown: bool) -> None:
        """Unfolds or folds the panel of details under the headline."""
        self.details.setVisible(shown)
        if self.details_button.isChecked() != shown:
            self.details_button.setChecked(shown)
        self.details_button.setIcon(qta.icon("mdi6.chevron-up" if shown else "mdi6.chevron-down"))

    def details_shown(self) -> bool:
        """Whether the panel of details is unfolded."""
        return self.details_button.isChecked()

    def _date_edited(self) -> None:
        if not self._filling:
            self.edited.emit("dateline_at")

    def _set_now(self) -> None:
        self.dateline_at.set_local(to_site_time(utcnow(), self._tz))

    def set_record(self, record: ArticleRecord | None) -> None:
        """Shows an article's fields (or empties them)."""
        self._filling = True
        try:
            for name in TEXT_FIELDS:
                value = getattr(record, name) if record else ""
                getattr(self, name).setText(join_keywords(value) if name == "keywords" else value)
                getattr(self, name).setCursorPosition(0)
            when = record.dateline_at if record else None
            self.dateline_at.set_local(to_site_time(when, self._tz) if when else None)
            self.set_status(record.status if record else "draft")
        finally:
            self._filling = False

    def set_status(self, status: str) -> None:
        """Shows a status without announcing it as the user's choice."""
        self.status.setCurrentIndex(max(0, self.status.findData(status)))

    def value(self, name: str):
        """A field's value in the form ArticleRepo.save takes."""
        if name == "keywords":
            return split_keywords(self.keywords.text())
        if name == "dateline_at":
            local = self.dateline_at.local()
            return from_site_time(local, self._tz) if local else None
        if name == "status":
            return self.status.currentData()
        return getattr(self, name).text().strip()

    def dateline_parts(self) -> tuple[str, datetime | None, str]:
        """City, UTC time and agency as typed, for the dateline preview."""
        return self.dateline_city.text(), self.value("dateline_at"), self.dateline_agency.text()

    def set_read_only(self, read_only: bool) -> None:
        """Locks the fields (an article in the trash) or unlocks them."""
        for name in TEXT_FIELDS:
            getattr(self, name).setReadOnly(read_only)
        for widget in (self.dateline_at, self.now_button, self.status):
            widget.setEnabled(not read_only)
