// SPDX-License-Identifier: MIT
#include "iptclimits.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace IptcLimits {

const QList<IimField> &fields()
{
    // The IPTC's own names; sizes from DOMAIN.md. Title goes to Headline: see
    // app/photometadata.h for why the operation does not.
    static const QList<IimField> table = {
        {u"virin"_s, 2, 5, u"Object Name"_s, 64},
        {u"caption"_s, 2, 120, u"Caption-Abstract"_s, 2000},
        {u"photographer"_s, 2, 80, u"By-line"_s, 32},
        {u"unit"_s, 2, 85, u"By-line Title"_s, 32},
        {u"title"_s, 2, 105, u"Headline"_s, 256},
        {u"city"_s, 2, 90, u"City"_s, 32},
        {u"sublocation"_s, 2, 92, u"Sub-location"_s, 32},
        {u"state"_s, 2, 95, u"Province-State"_s, 32},
        {u"countryCode"_s, 2, 100, u"Country Code"_s, 3},
        {u"country"_s, 2, 101, u"Country Name"_s, 64},
        {u"releaseAuthority"_s, 2, 40, u"Special Instructions"_s, 256},
        {u"keywords"_s, 2, 25, u"Keywords"_s, 64, true},
        {u"captionWriter"_s, 2, 122, u"Writer-Editor"_s, 32},
    };
    return table;
}

const IimField *fieldFor(QStringView photoField)
{
    for (const IimField &field : fields()) {
        if (field.photoField == photoField)
            return &field;
    }
    return nullptr;
}

int maxBytes(QStringView photoField)
{
    const IimField *field = fieldFor(photoField);
    return field ? field->maxBytes : 0;
}

qsizetype utf8Bytes(QStringView text)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x80)
            bytes += 1;
        else if (c < 0x800)
            bytes += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            bytes += 4;
            ++i;
        } else
            bytes += 3; // a lone surrogate becomes U+FFFD, 3 bytes
    }
    return bytes;
}

QString fitting(const QString &text, int maxBytes)
{
    qsizetype bytes = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const char16_t c = text.at(i).unicode();
        qsizetype units = 1;
        int size = 3;
        if (c < 0x80)
            size = 1;
        else if (c < 0x800)
            size = 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            size = 4;
            units = 2;
        }
        if (bytes + size > maxBytes)
            break;
        bytes += size;
        i += units;
    }
    return text.left(i);
}

QString specialInstructions(ReleaseState state, const QString &authority)
{
    QString word;
    switch (state) {
    case ReleaseState::Released:
        word = u"Released"_s;
        break;
    case ReleaseState::NotReleased:
        word = u"Not Released"_s;
        break;
    case ReleaseState::NotReviewed:
        word = u"Not Reviewed"_s;
        break;
    }
    const QString rest = authority.simplified();
    return rest.isEmpty() ? word : word % u": "_s % rest;
}

ReleaseState releaseFromInstructions(const QString &instructions, QString *authority, bool *recognized)
{
    struct Form
    {
        QRegularExpression pattern;
        ReleaseState state;
        bool keepWords; // FOUO is itself the reason, so it stays in the text
    };
    constexpr auto caseless = QRegularExpression::CaseInsensitiveOption;
    // "Not Released" before "Released"; the first that matches wins.
    static const QList<Form> forms = {
        {QRegularExpression(u"^\\s*not[\\s-]+(released|for\\s+(public\\s+)?release)\\b"_s, caseless),
         ReleaseState::NotReleased, false},
        {QRegularExpression(u"^\\s*(FOUO|for\\s+official\\s+use\\s+only)\\b"_s, caseless), ReleaseState::NotReleased,
         true},
        {QRegularExpression(u"^\\s*not[\\s-]+reviewed\\b"_s, caseless), ReleaseState::NotReviewed, false},
        {QRegularExpression(u"^\\s*((cleared|approved)\\s+for\\s+(public\\s+)?release|released)\\b"_s, caseless),
         ReleaseState::Released, false},
    };
    static const QRegularExpression separators(u"^(\\s|[:;,.\u2013\u2014-]|\\bby\\b)*"_s, caseless);
    for (const Form &form : forms) {
        const QRegularExpressionMatch match = form.pattern.match(instructions);
        if (!match.hasMatch())
            continue;
        if (authority) {
            QString rest = form.keepWords ? instructions.trimmed() : instructions.mid(match.capturedEnd());
            rest.remove(separators);
            *authority = rest.trimmed();
        }
        if (recognized)
            *recognized = true;
        return form.state;
    }
    if (authority)
        authority->clear();
    if (recognized)
        *recognized = false;
    return ReleaseState::NotReviewed;
}

} // namespace IptcLimits
