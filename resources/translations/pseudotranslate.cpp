// SPDX-License-Identifier: MIT
// The build's pseudo-translator: pseudotranslate IN.ts OUT.ts LANGUAGE
#include "pseudotranslation.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 4) {
        std::fputs("usage: newsdesk_pseudotranslate IN.ts OUT.ts LANGUAGE\n", stderr);
        return 2;
    }
    const QString error = PseudoTranslation::translateTsFile(arguments.at(1), arguments.at(2), arguments.at(3));
    if (!error.isEmpty()) {
        std::fprintf(stderr, "newsdesk_pseudotranslate: %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}
