// SPDX-License-Identifier: MIT
#include "translations.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Translations {

QString install(const QLocale &locale)
{
    QObject *app = QCoreApplication::instance();
    // The translator installed last is asked first: English is the fallback.
    auto *english = new QTranslator(app);
    if (english->load(u":/i18n/newsdesk_en.qm"_s))
        QCoreApplication::installTranslator(english);

    auto *qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);

    auto *newsdesk = new QTranslator(app);
    if (!newsdesk->load(locale, u"newsdesk"_s, u"_"_s, u":/i18n"_s) || newsdesk->filePath() == english->filePath())
        return {};
    QCoreApplication::installTranslator(newsdesk);
    return QFileInfo(newsdesk->filePath()).completeBaseName().sliced(qsizetype(sizeof "newsdesk_" - 1));
}

} // namespace Translations
