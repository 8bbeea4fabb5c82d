// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QDialog>

class QCheckBox;
class QDateTimeEdit;

// Review ▸ Embargo…: whether the story is held, and until when. The time is
// chosen in local time and given back in UTC, as Story::embargoUntil keeps it.
class EmbargoDialog : public QDialog
{
    Q_OBJECT
public:
    // embargoUntil: the story's (invalid: none; the time then starts an hour
    // from now).
    explicit EmbargoDialog(const QDateTime &embargoUntil, QWidget *parent = nullptr);

    // The embargo as chosen, in UTC; invalid when the story is not held.
    QDateTime embargoUntil() const;
    // Holds the story until time (any time zone); an invalid time lifts the embargo.
    void setEmbargoUntil(const QDateTime &time);

private:
    QCheckBox *m_enabled;
    QDateTimeEdit *m_time;
};
