// SPDX-License-Identifier: MIT
#pragma once

// What the tests of the real window share: each test function gets a library
// folder of its own and starts with no settings, so no test sees the library,
// layout, last story or identity another one left, nor the user's real
// settings. A plain class, not a QObject: the test classes derive from QObject
// first and from this second, and keep their slots (initTestCase(), init())
// themselves, calling setUpSettings() and startFresh() from them.

#include "mainwindow.h"
#include "previewpane.h"

#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class WindowTestFixture
{
public:
    // Settings as INI files in path, and QStandardPaths in its test folders.
    // Static because a test's child process, started on a library it is
    // given, has no fixture and must not touch the real settings either.
    static void useSettingsIn(const QString &path)
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, path);
    }

    // From initTestCase(): settings in a folder that lives as long as the test.
    void setUpSettings() { useSettingsIn(m_settingsDir.path()); }

    // From init(): a new, empty library folder and no settings from the test
    // function before, so each one starts as on a first run.
    void startFresh()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QSettings().clear();
    }

    // Where the window creates its library (with the sample story) on first open.
    QString libraryPath() const { return filePath(QStringLiteral("library.newsdesk")); }
    // Another file beside the library, removed with it.
    QString filePath(const QString &name) const { return m_dir->filePath(name); }

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
};

// Lets the preview page finish loading before a test's window goes away, so
// no load is torn down half-way.
inline void settlePreview(MainWindow &window)
{
    if (window.preview()->view())
        QTRY_VERIFY_WITH_TIMEOUT(window.preview()->pageLoads() > 0, 30000);
}

// Types text at the end of editor as a user would: focused, and through key
// events, so the editor's own key handling runs.
inline void typeAtEnd(QPlainTextEdit *editor, const QString &text)
{
    editor->setFocus();
    editor->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor, text);
}
