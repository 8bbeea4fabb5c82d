// SPDX-License-Identifier: MIT
#include "embargodialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

EmbargoDialog::EmbargoDialog(const QDateTime &embargoUntil, QWidget *parent)
    : QDialog(parent)
    , m_enabled(new QCheckBox(tr("&Hold publication until:"), this))
    , m_time(new QDateTimeEdit(embargoUntil.isValid() ? embargoUntil.toLocalTime() : QDateTime::currentDateTime().addSecs(3600),
                               this))
{
    setObjectName(u"embargoDialog"_s);
    setWindowTitle(tr("Embargo"));
    m_enabled->setObjectName(u"embargoEnabled"_s);
    m_time->setObjectName(u"embargoTime"_s);
    m_time->setCalendarPopup(true);
    m_time->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_enabled->setChecked(embargoUntil.isValid());
    m_time->setEnabled(m_enabled->isChecked());
    connect(m_enabled, &QCheckBox::toggled, m_time, &QWidget::setEnabled);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_enabled);
    layout->addWidget(m_time);
    layout->addWidget(buttons);
}

QDateTime EmbargoDialog::embargoUntil() const
{
    return m_enabled->isChecked() ? m_time->dateTime().toUTC() : QDateTime();
}

void EmbargoDialog::setEmbargoUntil(const QDateTime &time)
{
    m_enabled->setChecked(time.isValid());
    if (time.isValid())
        m_time->setDateTime(time.toLocalTime());
}
