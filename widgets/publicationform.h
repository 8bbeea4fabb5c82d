// SPDX-License-Identifier: MIT
#pragma once

#include "publicationsettings.h"
#include "story.h"

#include <QWidget>

class Library;
class QLabel;
class QLineEdit;

// Preferences ▸ Publication: who publishes the library's stories and at what
// address, for the exported page's metadata. Editors change it; others see it.
class PublicationForm : public QWidget
{
    Q_OBJECT
public:
    explicit PublicationForm(Library *library, QWidget *parent = nullptr);

    // The story the example address is made for (a made-up one without).
    void setExampleStory(const Story &story);
    // Saves what was changed. False, with the reason shown in the form and in
    // errorString(), when it cannot be saved; nothing changed is true.
    bool apply();
    QString errorString() const;

private:
    PublicationSettings edited() const;
    void updateExample();

    Library *m_library;
    PublicationSettings m_saved;
    Story m_example;
    QLineEdit *m_publisher;
    QLineEdit *m_address;
    QLineEdit *m_copyright;
    QLineEdit *m_usageTerms;
    QLabel *m_hint;
    QString m_errorString;
};
