"""Takes the README's screenshot: the main window in Arabic on the demo library, 1400 × 860.

Run under a virtual X screen so Qt renders with the real platform and fonts:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshot.py [OUT.png] [ar|en] [captioning]

(`make screenshot` does this.) It writes docs/main-window-ar.png by default.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from workstation.paths import AppPaths

from ui.about import app_icon
from ui.app import start_app


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "main-window-ar.png")
    language = sys.argv[2] if len(sys.argv) > 2 else "ar"
    captioning = "captioning" in sys.argv[3:]
    with tempfile.TemporaryDirectory(prefix="workstation-shot-") as scratch:
        folders = Path(scratch)
        paths = AppPaths(data=folders / "data", cache=folders / "cache", config=folders / "config", log=folders / "log")
        paths.config.mkdir(parents=True)
        (paths.config / "workstation.ini").write_text(f"[ui]\nlanguage={language}\n", encoding="utf-8")
        app = QApplication(sys.argv[:1])
        app.setWindowIcon(app_icon())
        started = start_app(app, paths, None, folders / "demo")
        if isinstance(started, int):
            return started
        window = started.window
        window.resize(1400, 860)

        def shoot() -> None:
            window.grab().save(str(out))
            print(f"wrote {out}")
            app.quit()

        if captioning:
            QTimer.singleShot(1500, lambda: window.set_captioning_mode(True))
        QTimer.singleShot(3500 if captioning else 2500, shoot)  # the newest article opens once the window is on screen
        status = app.exec()
        window.close()
        started.library.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
