// SPDX-License-Identifier: MIT
#pragma once

// What the layout tests share (tst_translations, tst_workspaces): whether a
// widget that shows is as large as it asks to be, whether what holds it cuts
// it off, and an offscreen screen of a chosen size for a test's main().

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QFile>
#include <QGuiApplication>
#include <QRect>
#include <QScreen>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QWidget>

#include <vector>

namespace WidgetFit {

// What is wrong with widget's size (nothing when it has its size hint). A
// word-wrapped widget (wraps) may be narrower than its one-line hint, down to
// its minimum size hint, and then needs its height for that width.
inline QStringList tooSmall(const QWidget *widget, const QString &name, bool wraps = false)
{
    using namespace Qt::StringLiterals;
    QStringList problems;
    if (wraps) {
        const int needed = widget->heightForWidth(widget->width());
        if (widget->height() < needed)
            problems << u"%1 is %2 px high, needs %3 at %4 px wide"_s.arg(name).arg(widget->height()).arg(needed).arg(widget->width());
        if (widget->width() < widget->minimumSizeHint().width())
            problems << u"%1 is %2 px wide, needs %3"_s.arg(name).arg(widget->width()).arg(widget->minimumSizeHint().width());
        return problems;
    }
    const QSize hint = widget->sizeHint();
    if (widget->width() < hint.width() || widget->height() < hint.height())
        problems << u"%1 is %2×%3, needs %4×%5"_s.arg(name).arg(widget->width()).arg(widget->height()).arg(hint.width()).arg(hint.height());
    return problems;
}

// Where one of widget's ancestors, up to its window, does not show all of it
// (empty when none cuts it). Inside a scroll area only sideways counts: a
// form taller than its panel scrolls down by design, one wider than its panel
// hides the ends of its fields.
inline QString clipped(const QWidget *widget, const QString &name)
{
    using namespace Qt::StringLiterals;
    QRect rect = widget->rect();
    const QWidget *child = widget;
    for (const QWidget *parent = widget->parentWidget(); parent && !child->isWindow(); child = parent, parent = parent->parentWidget()) {
        rect.translate(child->pos());
        const QRect area = parent->rect();
        const auto *scrollArea = qobject_cast<const QAbstractScrollArea *>(parent->parentWidget());
        const bool scrollsDown = scrollArea && scrollArea->viewport() == parent;
        const bool inside = scrollsDown ? rect.left() >= area.left() && rect.right() <= area.right() : area.contains(rect);
        if (!inside) {
            return u"%1 is cut off by %2 %3: (%4,%5 %6×%7) is outside (%8×%9)"_s.arg(name, QString::fromLatin1(parent->metaObject()->className()),
                                                                                   parent->objectName())
                .arg(rect.x())
                .arg(rect.y())
                .arg(rect.width())
                .arg(rect.height())
                .arg(area.width())
                .arg(area.height());
        }
        // What is scrolled away is not cut off: from here up, only the part
        // of the viewport the widget lies across matters.
        if (scrollsDown)
            rect = QRect(rect.left(), area.top(), rect.width(), area.height());
    }
    return {};
}

// For a test's main(): the offscreen platform with one screen of size (a
// laptop's 1366×768 rather than offscreen's 800×600), replacing any -platform
// argument. Keep the object alive as long as the application.
class OffscreenScreen
{
public:
    OffscreenScreen(int &argc, char **&argv, QSize size)
    {
        QFile screen(m_dir.filePath(QStringLiteral("screen.json")));
        m_ok = screen.open(QIODevice::WriteOnly)
            && screen.write(QByteArray(R"({"screens": [{"name": "screen", "x": 0, "y": 0, "width": )")
                            + QByteArray::number(size.width()) + R"(, "height": )" + QByteArray::number(size.height())
                            + R"(, "logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]})")
                >= 0;
        screen.close();
        for (int i = 0; i < argc; ++i) {
            if (qstrcmp(argv[i], "-platform") == 0 && i + 1 < argc) {
                ++i; // replaced by the offscreen platform with that screen
                continue;
            }
            m_arguments.push_back(argv[i]);
        }
        qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=" + QFile::encodeName(screen.fileName())));
        argc = int(m_arguments.size());
        m_arguments.push_back(nullptr);
        argv = m_arguments.data();
        m_size = size;
    }

    // After the QGuiApplication is made: false (and why on stderr) when the
    // screen is not the one asked for.
    bool check() const
    {
        const QSize got = QGuiApplication::primaryScreen()->geometry().size();
        if (m_ok && got == m_size)
            return true;
        qCritical("the offscreen screen is %dx%d, not %dx%d", got.width(), got.height(), m_size.width(), m_size.height());
        return false;
    }

private:
    QTemporaryDir m_dir;
    std::vector<char *> m_arguments;
    QSize m_size;
    bool m_ok = false;
};

} // namespace WidgetFit
