// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class QLineEdit;
class QPlainTextEdit;

// Code replacements as one types (issue 15): "=cjcs=" becomes the glossary's
// "Chairman of the Joint Chiefs of Staff Gen. Dan Caine" the moment its
// closing '=' is typed, in every field attached (captions, the story body).
// The expansion is an undo step of its own, so Ctrl+Z gives the code back.
// Only typed text expands: a pasted or loaded "=cjcs=" stays as it is.
class CodeExpander : public QObject
{
    Q_OBJECT
public:
    explicit CodeExpander(QObject *parent = nullptr);

    // code → expansion (Glossary::codes()).
    void setCodes(const QHash<QString, QString> &codes);
    const QHash<QString, QString> &codes() const;

    // Expands codes typed into field from now on, until either is destroyed.
    void attach(QLineEdit *field);
    void attach(QPlainTextEdit *field);

Q_SIGNALS:
    // A code was expanded in field: for the status bar.
    void expanded(const QString &code, const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void expandIn(QLineEdit *field);
    void expandIn(QPlainTextEdit *field);

    QHash<QString, QString> m_codes;
    QObject *m_delivering = nullptr; // the field the filter is handing a key to
};
